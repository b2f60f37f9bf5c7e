using System.Text;
using Harness.Platform.Kubernetes;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Kubernetes;

/// <summary><c>harness k8s manifests</c>: prints the functions' (and with --platform the platform's) objects as YAML on stdout.</summary>
internal sealed class K8sManifestsCommand(CliEnvironment environment) : AsyncCommand<K8sManifestsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, K8sManifestsSettings settings, CancellationToken cancellationToken)
    {
        // YAML goes to stdout untouched, so `> all.yaml` or `| kubectl apply -f -` works; everything else to stderr.
        var diagnostics = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.StandardError) });
        var problems = settings.Problems();
        foreach (var problem in problems)
        {
            diagnostics.MarkupLineVerbatim($"[red]k8s manifests: {problem}[/]");
        }

        if (problems.Count > 0)
        {
            return ExitCodes.UsageError;
        }

        if (await K8sObjects.OptionsAsync(settings, environment, diagnostics, cancellationToken).ConfigureAwait(false) is not { } options)
        {
            return ExitCodes.UsageError;
        }

        var objects = K8sObjects.Collect(settings, options, environment, diagnostics, out var generated);
        if (objects is null)
        {
            return ExitCodes.UsageError;
        }

        if (generated)
        {
            diagnostics.MarkupLine("[yellow]note[/] the basic-auth password was generated; it is in the printed Secret basic-auth (pass --basic-auth-password to choose it)");
        }

        var yaml = Encoding.UTF8.GetBytes(ClusterObjects.ToYaml(objects));
        await environment.StandardOutput.WriteAsync(yaml, cancellationToken).ConfigureAwait(false);
        await environment.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
