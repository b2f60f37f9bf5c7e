using System.Text.Json;
using System.Text.RegularExpressions;

namespace Harness.Platform.Templates;

/// <summary>
/// Turns a handler folder into a runnable replica folder: the template's files at the top, the handler under
/// <c>function/</c> (for <c>dockerfile</c>, the handler folder itself is the top), and <c>harness-artifact.json</c>.
/// </summary>
public static partial class FunctionBuilder
{
    /// <summary>The upstream a Python http-mode template listens on: port 0 lets each replica's watchdog pick a free port.</summary>
    public const string DefaultUpstreamUrl = "http://127.0.0.1:0";

    /// <summary>Builds the folder (written aside, then moved into place: nothing half-written) and returns its manifest.</summary>
    /// <exception cref="FunctionBuildException">The request is invalid; every problem is listed.</exception>
    public static FunctionArtifact Build(FunctionBuildRequest request, TimeProvider? time = null)
    {
        var errors = request.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new FunctionBuildException(errors);
        }

        var template = TemplateCatalog.Get(request.Lang)!;
        var env = new Dictionary<string, string>(request.Environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var mode = WatchdogModes.Normalize(request.Mode ?? env.GetValueOrDefault("mode")) ?? template.DefaultMode;
        var fprocess = request.Fprocess ?? env.GetValueOrDefault("fprocess") ?? DefaultFprocess(template, mode, request.HandlerDirectory, errors);
        if (mode == WatchdogModes.Http && template.IsPython)
        {
            env.TryAdd("upstream_url", DefaultUpstreamUrl);
        }
        else if (mode == WatchdogModes.Http && !env.ContainsKey("upstream_url"))
        {
            errors.Add("environment.upstream_url: http mode needs the URL the function listens on (e.g. http://127.0.0.1:5000)");
        }

        if (TemplateCompat.Validate(env) is { } compatError)
        {
            errors.Add(compatError);
        }
        else if (TemplateCompat.IsOpenFaas(env) && template.IsClassic && mode != WatchdogModes.Serializing)
        {
            errors.Add($"environment.{TemplateCompat.Variable}: upstream's {template.Lang} template runs in fork (serializing) mode only; remove mode: {mode}");
        }

        if (errors.Count > 0 || fprocess is null)
        {
            throw new FunctionBuildException(errors);
        }

        env["fprocess"] = fprocess;
        env["mode"] = mode;
        if (template.IsPython && mode == WatchdogModes.Serializing)
        {
            TemplateCompat.ApplyWatchdogSettings(env, template.IsClassic);
        }

        var artifact = new FunctionArtifact
        {
            Name = request.FunctionName,
            Image = string.IsNullOrWhiteSpace(request.Image) ? request.FunctionName + ":latest" : request.Image,
            Lang = request.Lang,
            Mode = mode,
            Fprocess = fprocess,
            Environment = env,
            CreatedAt = (time ?? TimeProvider.System).GetUtcNow(),
            Directory = Path.GetFullPath(request.OutputDirectory),
        };

        WriteFolder(template, request, artifact);
        return artifact;
    }

    /// <summary>Reads the manifest of a built folder.</summary>
    public static FunctionArtifact Load(string directory)
    {
        var path = Path.Combine(directory, FunctionArtifact.ManifestFileName);
        using var stream = File.OpenRead(path);
        var artifact = JsonSerializer.Deserialize(stream, TemplateJsonContext.Default.FunctionArtifact)
            ?? throw new InvalidDataException(path + ": empty manifest");
        return artifact with { Directory = Path.GetFullPath(directory) };
    }

    private static string? DefaultFprocess(TemplateDefinition template, string mode, string handlerDirectory, List<string> errors)
    {
        if (template.IsPython)
        {
            if (PythonInterpreter.Path is not { } python)
            {
                errors.Add($"lang {template.Lang}: no Python 3 interpreter found (install python3 or set HARNESS_PYTHON)");
                return null;
            }

            return python + " " + (mode == WatchdogModes.Http ? template.HttpEntry : template.ForkEntry);
        }

        var dockerfile = Path.Combine(handlerDirectory, "Dockerfile");
        if (File.Exists(dockerfile))
        {
            foreach (var line in File.ReadLines(dockerfile))
            {
                var match = DockerfileFprocess().Match(line);
                if (match.Success)
                {
                    return match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value.Trim();
                }
            }
        }

        errors.Add($"fprocess: lang {template.Lang} has no template; set fprocess in the stack (e.g. fprocess: cat) or ENV fprocess in the handler's Dockerfile");
        return null;
    }

    private static void WriteFolder(TemplateDefinition template, FunctionBuildRequest request, FunctionArtifact artifact)
    {
        var handlerDirectory = request.HandlerDirectory;
        var target = artifact.Directory;
        var parent = Path.GetDirectoryName(target.TrimEnd('/')) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, "." + Path.GetFileName(target.TrimEnd('/')) + ".building-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (relative, content) in TemplateCatalog.Files(template))
            {
                var path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, content);
            }

            CopyTree(handlerDirectory, template.IsPython ? Path.Combine(staging, "function") : staging);
            if (template.IsPython)
            {
                // As the official templates' Dockerfiles do: function/ is a package, so `from .helper import x` works.
                var init = Path.Combine(staging, "function", "__init__.py");
                if (!File.Exists(init))
                {
                    File.WriteAllBytes(init, []);
                }

                var python = PythonInterpreter.Path;
                var requirements = Path.Combine(handlerDirectory, PipRequirements.FileName);
                if (PipRequirements.HasRequirements(requirements))
                {
                    PipRequirements.Install(python, requirements, Path.Combine(staging, PipRequirements.TargetFolder), request.PipArguments);
                }

                if (python is not null)
                {
                    PythonBytecode.Compile(python, staging);
                }
            }

            using (var stream = File.Create(Path.Combine(staging, FunctionArtifact.ManifestFileName)))
            {
                JsonSerializer.Serialize(stream, artifact, TemplateJsonContext.Default.FunctionArtifact);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            if (entry.Name is "__pycache__" or ".git")
            {
                continue;
            }

            var to = Path.Combine(destination, entry.Name);
            if (entry is DirectoryInfo dir)
            {
                CopyTree(dir.FullName, to);
            }
            else
            {
                File.Copy(entry.FullName, to, overwrite: true);
            }
        }
    }

    [GeneratedRegex("""^\s*ENV\s+fprocess(?:\s*=\s*|\s+)(?:"(?<quoted>[^"]*)"|(?<bare>.+))""", RegexOptions.IgnoreCase)]
    private static partial Regex DockerfileFprocess();
}
