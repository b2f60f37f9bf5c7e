using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness secret list</c>: names only; the gateway never returns values.</summary>
internal sealed class SecretListCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<NamespacedSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NamespacedSettings settings, CancellationToken cancellationToken)
    {
        Stack.RedirectedOutput.Unwrap(console);
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            var secrets = await client.ListSecretsAsync(settings.Namespace, cancellationToken).ConfigureAwait(false);
            var table = new Table().AddColumns("NAME", "NAMESPACE");
            foreach (var secret in secrets.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                table.AddVerbatimRow(secret.Name, secret.Namespace ?? "");
            }

            console.Write(table);
            return 0;
        }).ConfigureAwait(false);
    }
}
