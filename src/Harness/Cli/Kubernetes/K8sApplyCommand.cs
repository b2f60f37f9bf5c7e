using Harness.Platform.Kubernetes;
using k8s;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Kubernetes;

/// <summary><c>harness k8s apply</c>: server-side apply (field manager <c>harness</c>) of the objects <c>k8s manifests</c> prints.</summary>
internal sealed class K8sApplyCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<K8sApplySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, K8sApplySettings settings, CancellationToken cancellationToken)
    {
        var problems = settings.Problems();
        foreach (var problem in problems) console.MarkupLineInterpolated($"[red]k8s apply: {problem}[/]");
        if (problems.Count > 0) return HarnessApp.UsageError;

        // Everything is built and checked before the first call: a bad stack applies nothing.
        if (await K8sObjects.OptionsAsync(settings, environment, console, cancellationToken).ConfigureAwait(false) is not { } options) return HarnessApp.UsageError;
        var objects = K8sObjects.Collect(settings, options, environment, console, out var generated);
        if (objects is null) return HarnessApp.UsageError;

        KubernetesClientConfiguration config;
        try
        {
            var path = settings.Kubeconfig is { } k ? environment.ResolvePath(k) : environment.Variables.GetValueOrDefault("KUBECONFIG") is { Length: > 0 } e ? e : Path.Combine(environment.HomeDirectory, ".kube", "config");
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]k8s apply: cannot read kubeconfig: {ex.Message}[/]");
            return HarnessApp.UsageError;
        }

        using var client = new k8s.Kubernetes(config);
        foreach (var o in objects)
        {
            try
            {
                await ServerSideApply.ApplyAsync(client, o, options.FieldManager, cancellationToken).ConfigureAwait(false);
                console.MarkupLineInterpolated($"{K8sObjects.Describe(o)} serverside-applied");
            }
            catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                var detail = ex is k8s.Autorest.HttpOperationException { Response: { } r } ? $"{(int)r.StatusCode} {r.Content}" : ex.Message;
                console.MarkupLineInterpolated($"[red]k8s apply: {K8sObjects.Describe(o)}: {detail}[/]");
                return 1;
            }
        }

        if (generated) console.MarkupLine("The gateway password was generated: kubectl -n openfaas get secret basic-auth -o jsonpath='{.data.basic-auth-password}' | base64 -d");
        return 0;
    }
}
