using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness secret remove NAME</c>.</summary>
internal sealed class SecretRemoveCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<NameSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NameSettings settings, CancellationToken cancellationToken)
    {
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            await client.RemoveSecretAsync(settings.Name, settings.Namespace, cancellationToken).ConfigureAwait(false);
            console.MarkupLineVerbatim($"Removed: {settings.Name}");
            return 0;
        }).ConfigureAwait(false);
    }
}
