using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness scale NAME --replicas N</c>.</summary>
internal sealed class ScaleCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<ScaleSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ScaleSettings settings, CancellationToken cancellationToken)
    {
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        var replicas = settings.Replicas ?? 0;
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            await client.ScaleAsync(settings.Name, replicas, settings.Namespace, cancellationToken).ConfigureAwait(false);
            console.MarkupLineVerbatim($"Function {settings.Name} scaling to {replicas} replica(s)");
            return 0;
        }).ConfigureAwait(false);
    }
}
