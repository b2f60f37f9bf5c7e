using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness namespace list</c>: <c>GET /system/namespaces</c>, as faas-cli prints it.</summary>
internal sealed class NamespaceListCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<GatewaySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, GatewaySettings settings, CancellationToken cancellationToken)
    {
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            console.WriteLine("Namespaces:");
            foreach (var name in await client.ListNamespacesAsync(cancellationToken).ConfigureAwait(false))
            {
                console.WriteLine(" - " + name);
            }

            return 0;
        }).ConfigureAwait(false);
    }
}
