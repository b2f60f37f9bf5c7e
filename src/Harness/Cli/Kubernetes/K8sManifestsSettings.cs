using System.ComponentModel;
using Harness.Cli.Client;
using Harness.Platform.Kubernetes;
using Spectre.Console.Cli;

namespace Harness.Cli.Kubernetes;

/// <summary>Options of <c>harness k8s manifests</c> and <c>harness k8s apply</c>.</summary>
internal class K8sManifestsSettings : StackSettings
{
    [CommandOption("--platform")]
    [Description("The platform's own objects: namespaces, gateway, RBAC, basic-auth Secret (with -f: those and the functions)")]
    public bool Platform { get; init; }

    [CommandOption("--allowed-region <REGION>")]
    [Description("Require nodes labelled topology.kubernetes.io/region with one of these values (repeat; e.g. the residency policy's regions)")]
    public string[] AllowedRegions { get; init; } = [];

    [CommandOption("--policy <FILE>")]
    [Description("Residency policy (as for harness check residency): its allowed node regions become a required node affinity")]
    public string? Policy { get; init; }

    [CommandOption("--image-pull-policy <POLICY>")]
    [Description("Always (faas-netes default), IfNotPresent (images imported into k3s) or Never")]
    [DefaultValue("Always")]
    public string ImagePullPolicy { get; init; } = "Always";

    [CommandOption("--image-pull-secret <NAME>")]
    [Description("Registry Secret (dockerconfigjson) in the functions' namespace for every function's pods; a function listing it under secrets gets it as imagePullSecrets, not as a file (repeat)")]
    public string[] ImagePullSecrets { get; init; } = [];

    [CommandOption("--gateway-image <IMAGE>")]
    [Description("Image with the harness CLI for the gateway Deployment (with --platform)")]
    [DefaultValue("harness:latest")]
    public string GatewayImage { get; init; } = "harness:latest";

    [CommandOption("--basic-auth-password <PASSWORD>")]
    [Description("Gateway password for the basic-auth Secret (default: generated)")]
    public string? BasicAuthPassword { get; init; }

    public KubernetesProviderOptions ProviderOptions(IReadOnlyList<string>? policyRegions = null) => new()
    {
        Namespace = string.IsNullOrEmpty(Namespace) ? Harness.Platform.Contracts.PlatformDefaults.FunctionNamespace : Namespace,
        AllowedRegions = AllowedRegions.Concat(policyRegions ?? []).Distinct(StringComparer.Ordinal).ToList(),
        ImagePullPolicy = ImagePullPolicy,
        ImagePullSecrets = ImagePullSecrets.Distinct(StringComparer.Ordinal).ToList(),
    };

    /// <summary>Every problem with the options, so a bad flag is exit 2 with a message.</summary>
    public IReadOnlyList<string> Problems() => ProviderOptions().Validate();
}
