using System.Text.RegularExpressions;
using Harness.Platform.Contracts;
using Harness.Platform.Hosting;
using Harness.Platform.Templates;

namespace Harness.Platform.Local;

/// <summary>Validates a deployment and resolves it against the artifact and secret stores, collecting every error.</summary>
internal sealed partial class FunctionSpecBuilder
{
    private static readonly string[] BaseVariables = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "PYENV_ROOT", "PYENV_VERSION", "DOTNET_ROOT"];
    private static readonly string[] SandboxVariables = ["LANG", "LC_ALL", "TZ"];

    private readonly LocalArtifactStore _artifacts;
    private readonly LocalSecretStore _secrets;
    private readonly Isolation _isolation;
    private readonly string _runRoot;
    // Where a replica finds a bare fprocess command: the system's folders, not the provider's own PATH (a replica's
    // root holds only the system paths and its artifact).
    private static readonly string[] SystemPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    private readonly int _pidsMax;
    private readonly string? _templateCompat;

    /// <param name="templateCompat">Platform-wide <c>template_compat</c> (e.g. openfaas) for functions that do not set their own.</param>
    public FunctionSpecBuilder(LocalArtifactStore artifacts, LocalSecretStore secrets, Isolation isolation, string runRoot, int pidsMax, string? templateCompat = null)
    {
        _templateCompat = string.IsNullOrWhiteSpace(templateCompat) ? null : templateCompat.Trim();
        _artifacts = artifacts;
        _secrets = secrets;
        _isolation = isolation;
        _runRoot = runRoot;
        _pidsMax = pidsMax;
    }

    public static string NamespaceOf(string? @namespace) => string.IsNullOrWhiteSpace(@namespace) ? PlatformDefaults.FunctionNamespace : @namespace.Trim();

    /// <summary>DNS-1123 label, as Kubernetes and faas-netes require for function and namespace names.</summary>
    public static bool IsValidName(string? name) => name is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(name);

    /// <summary>The initial replica count: <c>com.openfaas.scale.min</c>, default 1.</summary>
    public static int MinReplicas(FunctionDeployment d, List<string> errors)
    {
        if (d.Labels?.TryGetValue(PlatformDefaults.ScaleMinLabel, out var text) == true)
        {
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                return Math.Max(1, n);
            }

            errors.Add($"labels.{PlatformDefaults.ScaleMinLabel}: '{text}' is not a non-negative integer");
        }

        return 1;
    }

    /// <param name="pinnedDigest">On restore: the artifact version the function was deployed with, used while it still exists.</param>
    /// <param name="uid">The function's uid in the sandbox; null when replicas run without it.</param>
    public FunctionSpec? Build(FunctionDeployment d, string? pinnedDigest, List<string> errors, int? uid = null)
    {
        var ns = NamespaceOf(d.Namespace);
        if (!IsValidName(d.Service))
        {
            errors.Add($"service: '{d.Service}' is not a valid function name (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)");
        }

        if (!IsValidName(ns))
        {
            errors.Add($"namespace: '{ns}' is not a valid namespace name");
        }

        if (string.IsNullOrWhiteSpace(d.Image))
        {
            errors.Add("image: required");
        }

        MinReplicas(d, errors);
        var limits = ResourceLimits.From(d.Limits, _pidsMax, errors);
        foreach (var s in d.Secrets ?? [])
        {
            if (SecretName.Problem(s) is { } problem)
            {
                errors.Add("secrets: " + problem);
            }
            else if (!_secrets.Exists(s, ns))
            {
                errors.Add($"secrets: '{s}' does not exist in namespace '{ns}'; create it first (faas-cli secret create {s} -n {ns})");
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var functionRun = Path.Combine(_runRoot, ns, d.Service);
        string? workDir = null;
        string? digest = null;
        var manifest = ArtifactManifest.Empty;
        if ((pinnedDigest is not null ? _artifacts.TryGetVersion(d.Image, pinnedDigest) : null) is { } pinned)
        {
            (workDir, digest) = (pinned, pinnedDigest);
        }
        else if (_artifacts.TryGetCurrent(d.Image) is { } current)
        {
            (workDir, digest) = current;
        }

        if (workDir is not null)
        {
            try
            {
                manifest = ArtifactManifest.Read(workDir);
            }
            catch (System.Text.Json.JsonException ex)
            {
                errors.Add($"image: the artifact of '{d.Image}' has an unreadable {ArtifactManifest.FileName}: {ex.Message}");
                return null;
            }
        }

        var warnings = new List<string>();
        var fprocess = !string.IsNullOrWhiteSpace(d.EnvProcess) ? d.EnvProcess : manifest.Fprocess;
        if (OfficialTemplateProcess(d.EnvProcess, manifest) is { } own)
        {
            // faas-cli deploy -f stack.yml with ./template present sends the official template's fprocess ("python index.py"),
            // which would start upstream's entry point in a layout that is not upstream's: the artifact knows its own.
            warnings.Add($"envProcess '{d.EnvProcess!.Trim()}' is the official {manifest.Lang} template's fprocess (faas-cli sends it from ./template/{manifest.Lang}/template.yml); running the artifact's own process instead: {own}");
            fprocess = own;
        }

        if (string.IsNullOrWhiteSpace(fprocess))
        {
            errors.Add(workDir is null
                ? $"image: no artifact named '{d.Image}' is in the store and envProcess is empty; build and push it first (harness build / harness push), or give envProcess (fprocess) to run a command"
                : $"envProcess: the artifact of '{d.Image}' names no fprocess; give envProcess");
            return null;
        }

        if (MissingExecutable(fprocess, workDir, d.EnvVars) is { } missing)
        {
            errors.Add(missing);
            return null;
        }

        if (workDir is null)
        {
            // A faas-cli style deploy of a plain command (cat, wc -c) runs in an empty folder of its own.
            workDir = Path.Combine(functionRun, "workdir");
            Directory.CreateDirectory(workDir);
        }

        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in uid is null ? BaseVariables : SandboxVariables)
        {
            if (ProcessEnvironment.Get(name) is { Length: > 0 } v)
            {
                env[name] = v;
            }
        }

        if (uid is not null)
        {
            // The host's PATH and HOME name folders the sandbox does not show (a pyenv under /root, say).
            env["PATH"] = string.Join(':', SystemPath);
            env["HOME"] = SandboxLayout.HomePath;
        }

        foreach (var (k, v) in manifest.Environment)
        {
            env[k] = v;
        }

        foreach (var (k, v) in d.EnvVars ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        env["fprocess"] = fprocess;
        if (TemplateCompat.Validate(d.EnvVars) is { } compatError)
        {
            errors.Add("envVars." + compatError["environment.".Length..]);
            return null;
        }

        if (_templateCompat is not null && TemplateCatalog.IsClassicPython(manifest.Lang))
        {
            env.TryAdd(TemplateCompat.Variable, _templateCompat);
        }

        if (TemplateCatalog.IsPython(manifest.Lang) && WatchdogModes.Normalize(env.GetValueOrDefault("mode")) == WatchdogModes.Serializing)
        {
            // The deployment's envVars may switch template_compat on or off: the watchdog's output handling follows it.
            TemplateCompat.ApplyWatchdogSettings(env, TemplateCatalog.IsClassicPython(manifest.Lang));
        }

        // The provider takes a replica out of rotation before SIGTERM, so the watchdog need not wait before draining.
        env.TryAdd("healthcheck_interval", "0");

        Uri? upstream = null;
        if (env.TryGetValue("mode", out var mode) && mode.Trim().Equals("http", StringComparison.OrdinalIgnoreCase))
        {
            var text = env.GetValueOrDefault("upstream_url") ?? env.GetValueOrDefault("http_upstream_url") ?? "http://127.0.0.1:5000";
            if (!Uri.TryCreate(text, UriKind.Absolute, out upstream))
            {
                errors.Add($"envVars.upstream_url: '{text}' is not an absolute URL");
                return null;
            }
        }

        string? secretsDir = null;
        if (d.Secrets is { Count: > 0 } secrets)
        {
            secretsDir = Path.Combine(functionRun, "secrets");
            AtomicFile.CreatePrivateDirectory(secretsDir);
            if (uid is { } owner && !OperatingSystem.IsWindows())
            {
                // Only the function's own uid may enter it (0500); the provider, as root, still writes there.
                NativeFiles.Chown(secretsDir, owner, owner);
                File.SetUnixFileMode(secretsDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            }

            foreach (var s in secrets)
            {
                CopySecret(s, ns, secretsDir, uid);
            }
        }

        var readOnly = d.ReadOnlyRootFilesystem
            || (d.Annotations?.TryGetValue(PlatformDefaults.ReadOnlyAnnotation, out var ro) == true && ro.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

        if (limits.HasUserLimits && !_isolation.Cgroups)
        {
            warnings.Add($"limits of '{d.Service}' are NOT enforced: {_isolation.CgroupsUnavailableReason}");
        }

        if (readOnly && !_isolation.MountNamespace)
        {
            warnings.Add($"readOnlyRootFilesystem of '{d.Service}' is NOT enforced: {_isolation.MountNamespaceUnavailableReason}");
        }

        if (secretsDir is not null && !_isolation.MountNamespace)
        {
            warnings.Add($"secrets of '{d.Service}' are at {secretsDir} (env secret_mount_path), not {PlatformDefaults.SecretMountPath}: {_isolation.MountNamespaceUnavailableReason}");
        }

        return new FunctionSpec
        {
            Deployment = d with { Namespace = ns },
            Name = d.Service,
            Namespace = ns,
            WorkingDirectory = workDir,
            Environment = env,
            Limits = limits,
            SecretsDirectory = secretsDir,
            ReadOnlyRoot = readOnly,
            UpstreamUrl = upstream,
            ArtifactDigest = digest,
            Warnings = warnings,
            Uid = uid,
        };
    }

    /// <summary>The artifact's own fprocess when <paramref name="envProcess"/> is its template's official one, else null.</summary>
    private static string? OfficialTemplateProcess(string? envProcess, ArtifactManifest manifest)
    {
        if (string.IsNullOrWhiteSpace(envProcess) || manifest.Fprocess is not { Length: > 0 } own
            || TemplateCatalog.OfficialFprocess(manifest.Lang) is not { } official)
        {
            return null;
        }

        var sent = string.Join(' ', envProcess.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return sent == official && sent != own ? own : null;
    }

    /// <summary>
    /// Why the fprocess cannot start, or null: its executable (split on spaces, as the watchdog does) must be a file in
    /// the artifact, or a bare name on the system's PATH (or on a PATH the deployment sets), not merely on the provider's.
    /// </summary>
    private static string? MissingExecutable(string fprocess, string? workDir, IReadOnlyDictionary<string, string>? envVars)
    {
        var command = fprocess.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (command.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.IsPathRooted(command) ? command : workDir is null ? null : Path.Combine(workDir, command);
            return path is not null && File.Exists(path)
                ? null
                : $"envProcess: '{command}' does not exist {(Path.IsPathRooted(command) ? "on this machine" : "in the artifact")}; the function could not start (fix fprocess, or build and push the artifact that has it)";
        }

        var dirs = new List<string>(SystemPath);
        if (envVars?.GetValueOrDefault("PATH") is { Length: > 0 } userPath)
        {
            dirs.InsertRange(0, userPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Path.IsPathRooted));
        }

        if (workDir is not null)
        {
            dirs.Add(workDir);
        }

        return dirs.Any(d => File.Exists(Path.Combine(d, command)))
            ? null
            : $"envProcess: '{command}' is neither in the artifact nor on the replica's PATH ({string.Join(':', SystemPath)}); the function could not start (install it, give its full path, or fix fprocess)";
    }

    /// <summary>Refreshes a function's copy of a secret after the secret changed.</summary>
    /// <param name="uid">The sandboxed function's uid: the copy is its own and readable by it alone (0400).</param>
    public void CopySecret(string name, string @namespace, string secretsDir, int? uid)
    {
        var bytes = File.ReadAllBytes(_secrets.PathOf(name, @namespace));
        if (uid is { } owner && !OperatingSystem.IsWindows())
        {
            // Given to the function's uid before it takes its name: never readable by anyone else.
            AtomicFile.Write(Path.Combine(secretsDir, name), bytes, UnixFileMode.UserRead, temp => NativeFiles.Chown(temp, owner, owner));
            return;
        }

        // 0644 inside a 0700 folder: only the owner reaches it, and a function that drops privileges can still read it.
        AtomicFile.Write(Path.Combine(secretsDir, name), bytes, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
