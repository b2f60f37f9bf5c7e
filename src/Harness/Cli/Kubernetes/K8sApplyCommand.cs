using Harness.Platform.Kubernetes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Kubernetes;

/// <summary><c>harness k8s apply</c>: server-side apply (field manager <c>harness</c>) of the objects <c>k8s manifests</c> prints.</summary>
internal sealed class K8sApplyCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<K8sApplySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, K8sApplySettings settings, CancellationToken cancellationToken)
    {
        var problems = settings.Problems();
        foreach (var problem in problems)
        {
            console.MarkupLineVerbatim($"[red]k8s apply: {problem}[/]");
        }

        if (problems.Count > 0)
        {
            return ExitCodes.UsageError;
        }

        // Everything is built and checked before the first call: a bad stack applies nothing.
        if (await K8sObjects.OptionsAsync(settings, environment, console, cancellationToken).ConfigureAwait(false) is not { } options)
        {
            return ExitCodes.UsageError;
        }

        var objects = K8sObjects.Collect(settings, options, environment, console, out var generated);
        if (objects is null)
        {
            return ExitCodes.UsageError;
        }

        var path = settings.Kubeconfig is { } k ? environment.ResolvePath(k) : environment.Variables.GetValueOrDefault("KUBECONFIG") is { Length: > 0 } e ? e : Path.Combine(environment.HomeDirectory, ".kube", "config");
        ClusterApplier applier;
        try
        {
            applier = ClusterApplier.Connect(path);
        }
        catch (KubernetesAccessException ex)
        {
            console.MarkupLineVerbatim($"[red]k8s apply: cannot read kubeconfig: {ex.Message}[/]");
            return ExitCodes.UsageError;
        }

        using (applier)
        {
            foreach (var o in objects)
            {
                try
                {
                    // A generated password is for the first install only: re-running apply keeps the one the gateway has.
                    var keep = generated && o.IsBasicAuthSecret;
                    var applied = await applier.ApplyAsync(o, options.FieldManager, cancellationToken, onlyIfAbsent: keep).ConfigureAwait(false);
                    if (!applied)
                    {
                        generated = false;
                    }

                    console.MarkupLineVerbatim($"{o.Describe} {(applied ? "serverside-applied" : "unchanged (exists; its password is kept; pass --basic-auth-password to change it)")}");
                }
                catch (KubernetesAccessException ex)
                {
                    console.MarkupLineVerbatim($"[red]k8s apply: {o.Describe}: {ex.Message}[/]");
                    return 1;
                }
            }
        }

        if (generated)
        {
            console.MarkupLine("The gateway password was generated: kubectl -n openfaas get secret basic-auth -o jsonpath='{.data.basic-auth-password}' | base64 -d");
        }

        return 0;
    }
}
