using System.ComponentModel;
using System.Globalization;
using System.Net;
using Spectre.Console.Cli;

namespace Harness.Cli.Platform;

/// <summary>Options of <c>harness platform up</c>.</summary>
internal sealed class PlatformUpSettings : CommandSettings
{
    [CommandOption("-p|--port <PORT>")]
    [Description("Port of the gateway (0 picks a free one)")]
    [DefaultValue(8080)]
    public int Port { get; init; } = 8080;

    [CommandOption("--bind <ADDRESS>")]
    [Description("Address to listen on")]
    [DefaultValue("127.0.0.1")]
    public string Bind { get; init; } = "127.0.0.1";

    [CommandOption("--state <DIR>")]
    [Description("State directory: credentials, deployed functions, secrets (default ~/.harness/platform)")]
    public string? State { get; init; }

    [CommandOption("--upstream-timeout <DURATION>")]
    [Description("How long the gateway waits on a silent function before 504 (seconds, or e.g. 1m30s)")]
    public string? UpstreamTimeout { get; init; }

    [CommandOption("--provider <PROVIDER>")]
    [Description("local (processes on this machine) or kubernetes (Deployments in a cluster)")]
    [DefaultValue("local")]
    public string Provider { get; init; } = "local";

    [CommandOption("--kubeconfig <FILE>")]
    [Description("With --provider kubernetes: the cluster's kubeconfig (its current context)")]
    public string? Kubeconfig { get; init; }

    [CommandOption("--in-cluster")]
    [Description("With --provider kubernetes: use the pod's service account (the gateway Deployment of `harness k8s manifests --platform`)")]
    public bool InCluster { get; init; }

    [CommandOption("--namespace <NAMESPACE>")]
    [Description("With --provider kubernetes: the functions' namespace")]
    [DefaultValue("openfaas-fn")]
    public string Namespace { get; init; } = "openfaas-fn";

    [CommandOption("--allowed-region <REGION>")]
    [Description("With --provider kubernetes: require nodes in these topology.kubernetes.io/region values (repeat)")]
    public string[] AllowedRegions { get; init; } = [];

    [CommandOption("--image-pull-secret <NAME>")]
    [Description("With --provider kubernetes: a registry Secret (dockerconfigjson) in the functions' namespace every function pulls with (repeat)")]
    public string[] ImagePullSecrets { get; init; } = [];

    [CommandOption("--insecure-no-sandbox")]
    [Description("With the local provider and without root: start functions anyway, unsandboxed (as this user, with its access; /system/info and the log say what is not enforced). Without it, functions are refused where the sandbox is not available")]
    public bool InsecureNoSandbox { get; init; }

    [CommandOption("--no-standby")]
    [Description("With the local provider: a function scaled to zero keeps no standby replica (nothing of it runs at zero, as in OpenFaaS; a cold start then starts the replica, about 30 ms instead of about 7)")]
    public bool NoStandby { get; init; }

    [CommandOption("--no-prefork")]
    [Description("With the local provider: no pre-fork zygotes (and so no standby replicas): every replica starts its interpreter itself")]
    public bool NoPrefork { get; init; }

    [CommandOption("--sched-batch")]
    [Description("Run the gateway, and with the local provider every replica and function it starts, under Linux's SCHED_BATCH policy (no privilege needed): a process a send wakes no longer preempts the sender, which took about a fifth off the chain's CPU per request (docs/performance/chain.md). OpenFaaS leaves the default policy")]
    public bool SchedBatch { get; init; }

    [CommandOption("--keep-artifacts <N>")]
    [Description("Artifact versions kept per image besides those deployed functions use; older ones are removed on push and deploy (default 3)")]
    [DefaultValue(3)]
    public int KeepArtifacts { get; init; } = 3;

    [CommandOption("--template-compat <MODE>")]
    [Description("openfaas: classic python3 functions answer exactly as the official template does (the printed return value, status 200) unless a function sets its own template_compat")]
    public string? TemplateCompat { get; init; }

    [CommandOption("--async-queue-size <N>")]
    [Description("Most /async-function/ calls waiting in the in-memory queue; one more gets 429 (default 1000)")]
    [DefaultValue(1000)]
    public int AsyncQueueSize { get; init; } = 1000;

    [CommandOption("--async-workers <N>")]
    [Description("Queued async calls run at once (default 4)")]
    [DefaultValue(4)]
    public int AsyncWorkers { get; init; } = 4;

    [CommandOption("--max-function-body <SIZE>")]
    [Description("Largest request body of a /function/ or /async-function/ call, e.g. 64Mi (the default) or 1G; larger ones get 413. none: no limit, as the OpenFaaS gateway")]
    public string? MaxFunctionBody { get; init; }

    /// <summary>What these flags change in the local provider's options; null when they change nothing.</summary>
    public Func<Harness.Platform.Local.LocalProviderOptions, Harness.Platform.Local.LocalProviderOptions>? LocalProviderChanges() =>
        !NoStandby && !NoPrefork ? null : o => o with { PreforkStandby = o.PreforkStandby && !NoStandby, PreforkZygotes = NoPrefork ? 0 : o.PreforkZygotes };

    /// <summary>The gateway options these flags ask for (checked by <see cref="Problems"/> first).</summary>
    public Harness.Platform.Gateway.GatewayOptions GatewayOptions() => new()
    {
        UpstreamTimeout = UpstreamTimeout is { } t && Harness.Platform.Contracts.GoDuration.TryParse(t, out var timeout) && timeout >= TimeSpan.Zero ? timeout : TimeSpan.FromSeconds(60),
        Async = new Harness.Platform.Gateway.AsyncOptions { QueueSize = AsyncQueueSize, Concurrency = AsyncWorkers },
        MaxFunctionBodyBytes = MaxFunctionBodyLimit(out var limit) is null ? limit : DefaultMaxFunctionBodyBytes,
    };

    private static readonly long? DefaultMaxFunctionBodyBytes = new Harness.Platform.Gateway.GatewayOptions().MaxFunctionBodyBytes;

    // "none" is no limit; otherwise a byte size with the quantity suffixes of memory limits (64Mi, 1G, 1048576).
    private string? MaxFunctionBodyLimit(out long? bytes)
    {
        bytes = DefaultMaxFunctionBodyBytes;
        if (MaxFunctionBody is null)
        {
            return null;
        }

        if (MaxFunctionBody == "none")
        {
            bytes = null;
            return null;
        }

        if (!Harness.Platform.Stack.ResourceQuantity.TryParseMemoryBytes(MaxFunctionBody, out var parsed) || parsed < 1)
        {
            return $"--max-function-body '{MaxFunctionBody}' is not a size such as 64Mi, 1G or none";
        }

        bytes = parsed;
        return null;
    }

    /// <summary>The state folder: --state, or ~/.harness/platform under the home folder the command was given (CliEnvironment).</summary>
    public string StateDirectoryUnder(string home) => State ?? Path.Combine(home, ".harness", "platform");

    /// <summary>Every problem with the options; checked by the command so a bad flag is exit 2 with a message, not an exception.</summary>
    public IReadOnlyList<string> Problems()
    {
        var errors = new List<string>();
        if (Port is < 0 or > 65535)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--port {Port} is not between 0 and 65535"));
        }

        if (!IPAddress.TryParse(Bind, out _))
        {
            errors.Add($"--bind '{Bind}' is not an IP address");
        }

        if (UpstreamTimeout is not null && !(Harness.Platform.Contracts.GoDuration.TryParse(UpstreamTimeout, out var timeout) && timeout >= TimeSpan.Zero))
        {
            errors.Add($"--upstream-timeout '{UpstreamTimeout}' is not a duration");
        }

        if (MaxFunctionBodyLimit(out _) is { } bodyProblem)
        {
            errors.Add(bodyProblem);
        }

        if (KeepArtifacts < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--keep-artifacts {KeepArtifacts} must be at least 1"));
        }

        if (TemplateCompat is not null && !Harness.Platform.Templates.TemplateCompat.IsKnown(TemplateCompat))
        {
            errors.Add($"--template-compat '{TemplateCompat}' is not known (expected openfaas or harness)");
        }

        if (AsyncQueueSize < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--async-queue-size {AsyncQueueSize} must be at least 1"));
        }

        if (AsyncWorkers < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"--async-workers {AsyncWorkers} must be at least 1"));
        }

        if (Provider is not ("local" or "kubernetes"))
        {
            errors.Add($"--provider '{Provider}' must be local or kubernetes");
        }

        if (Provider == "kubernetes" && (Kubeconfig is null) == !InCluster)
        {
            errors.Add("--provider kubernetes needs exactly one of --kubeconfig FILE or --in-cluster");
        }

        if (Provider == "kubernetes" && Kubeconfig is not null && !File.Exists(Kubeconfig))
        {
            errors.Add($"--kubeconfig {Kubeconfig}: no such file");
        }

        if (Provider != "kubernetes" && (Kubeconfig is not null || InCluster || AllowedRegions.Length > 0 || ImagePullSecrets.Length > 0))
        {
            errors.Add("--kubeconfig, --in-cluster, --allowed-region and --image-pull-secret need --provider kubernetes");
        }

        if (Provider == "kubernetes" && (NoStandby || NoPrefork))
        {
            errors.Add("--no-standby and --no-prefork are the local provider's (the Kubernetes provider has no zygotes)");
        }

        return errors;
    }
}
