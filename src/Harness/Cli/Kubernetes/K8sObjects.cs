using System.Security.Cryptography;
using Harness.Cli.Client;
using Harness.Platform.Kubernetes;
using Spectre.Console;

namespace Harness.Cli.Kubernetes;

/// <summary>Collects the objects <c>k8s manifests</c> prints and <c>k8s apply</c> applies; null when the stack file is bad.</summary>
internal static class K8sObjects
{
    public static List<ClusterObject>? Collect(K8sManifestsSettings settings, KubernetesProviderOptions options, CliEnvironment environment, IAnsiConsole diagnostics, out bool generatedPassword)
    {
        generatedPassword = false;
        var objects = new List<ClusterObject>();
        if (settings.Platform)
        {
            generatedPassword = settings.BasicAuthPassword is null;
            var password = settings.BasicAuthPassword ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
            objects.AddRange(ClusterObjects.Platform(new PlatformManifestOptions { BasicAuthPassword = password, GatewayImage = settings.GatewayImage, Provider = options }));
        }

        if (settings.Platform && settings.File is null)
        {
            return objects;
        }

        if (StackLoader.Load(settings, environment, diagnostics) is not { } stack)
        {
            return null;
        }

        var failed = false;
        foreach (var function in StackLoader.Selected(stack, settings))
        {
            var deployment = function.Deployment with { Namespace = options.Namespace };
            var errors = FunctionManifests.Validate(deployment, options);
            foreach (var error in errors)
            {
                diagnostics.MarkupLineVerbatim($"[red]error[/] {function.Name}: {error}");
            }

            failed |= errors.Count > 0;
            if (errors.Count > 0)
            {
                continue;
            }

            objects.AddRange(ClusterObjects.Function(deployment, options));
        }

        return failed ? null : objects;
    }

    /// <summary>The provider options, with the allowed regions of <c>--policy</c> when given; null (after printing why) when the policy is bad.</summary>
    public static async Task<KubernetesProviderOptions?> OptionsAsync(K8sManifestsSettings settings, CliEnvironment environment, IAnsiConsole diagnostics, CancellationToken cancellationToken)
    {
        if (settings.Policy is null)
        {
            return settings.ProviderOptions();
        }

        try
        {
            var policy = await Harness.Compliance.Policy.PolicyLoader.LoadAsync(environment.ResolvePath(settings.Policy), Harness.Compliance.Jurisdiction.JurisdictionCatalog.Default, cancellationToken).ConfigureAwait(false);
            if (policy.AllowedNodeRegions.Count == 0)
            {
                diagnostics.MarkupLineVerbatim($"[yellow]warning[/] {settings.Policy} names no allowed node regions; functions are not pinned to a region");
            }

            return settings.ProviderOptions(policy.AllowedNodeRegions);
        }
        catch (Exception ex) when (ex is Harness.Compliance.ComplianceInputException or IOException)
        {
            diagnostics.MarkupLineVerbatim($"[red]error[/] {settings.Policy}: {ex.Message}");
            return null;
        }
    }
}
