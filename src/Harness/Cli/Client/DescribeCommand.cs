using System.Globalization;
using Harness.Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness describe NAME</c>: one function's status, as faas-cli describe prints it.</summary>
internal sealed class DescribeCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<NameSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NameSettings settings, CancellationToken cancellationToken)
    {
        Stack.RedirectedOutput.Unwrap(console);
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            var status = await client.GetFunctionAsync(settings.Name, settings.Namespace, cancellationToken).ConfigureAwait(false);
            if (status is null)
            {
                console.MarkupLineVerbatim($"[red]error[/] no function named '{settings.Name}' at {url}");
                return GatewayErrors.Failed;
            }

            var grid = new Grid().AddColumn().AddColumn();
            void Row(string key, string? value) => grid.AddRow(ConsoleText.Verbatim(key + ":"), ConsoleText.Verbatim(value ?? ""));
            Row("Name", status.Name);
            Row("Status", status.AvailableReplicas > 0 ? "Ready" : "Not Ready");
            Row("Replicas", status.Replicas.ToString(CultureInfo.InvariantCulture));
            Row("Available Replicas", status.AvailableReplicas.ToString(CultureInfo.InvariantCulture));
            Row("Invocations", status.InvocationCount.ToString("0", CultureInfo.InvariantCulture));
            Row("Image", status.Image);
            Row("Function Process", status.EnvProcess);
            Row("URL", client.FunctionUrl(status.Name, settings.Namespace).ToString());
            Row("Namespace", status.Namespace);
            Row("Labels", Pairs(status.Labels));
            Row("Annotations", Pairs(status.Annotations));
            Row("Environment", Pairs(status.EnvVars));
            Row("Secrets", status.Secrets is null ? "" : string.Join(", ", status.Secrets));
            Row("Limits", Resources(status.Limits));
            Row("Requests", Resources(status.Requests));
            Row("Read-only root", status.ReadOnlyRootFilesystem ? "yes" : "no");
            if (status.Usage is { } usage)
            {
                Row("Usage", string.Create(CultureInfo.InvariantCulture, $"CPU {usage.Cpu:0} millicores, RAM {usage.TotalMemoryBytes / (1024 * 1024):0.0} MiB"));
            }

            Row("Created", status.CreatedAt?.ToString("u", CultureInfo.InvariantCulture));
            Row("Last exit", status.LastExitReason);
            console.Write(grid);
            return 0;
        }).ConfigureAwait(false);
    }

    private static string Pairs(IReadOnlyDictionary<string, string>? map) =>
        map is null ? "" : string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static string Resources(FunctionResources? resources) =>
        resources is null ? "" : string.Join(", ", new[] { ("memory", resources.Memory), ("cpu", resources.Cpu) }
            .Where(r => r.Item2 is not null).Select(r => $"{r.Item1}={r.Item2}"));
}
