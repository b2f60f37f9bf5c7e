using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness list</c>: the gateway's functions with invocations and replicas.</summary>
internal sealed class ListCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<NamespacedSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, NamespacedSettings settings, CancellationToken cancellationToken)
    {
        Stack.RedirectedOutput.Unwrap(console);
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            var functions = await client.ListFunctionsAsync(settings.Namespace, cancellationToken).ConfigureAwait(false);
            var table = new Table().AddColumns("Function", "Invocations", "Replicas", "Available", "Image");
            foreach (var function in functions.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                table.AddVerbatimRow(
                    function.Name,
                    function.InvocationCount.ToString("0", CultureInfo.InvariantCulture),
                    function.Replicas.ToString(CultureInfo.InvariantCulture),
                    function.AvailableReplicas.ToString(CultureInfo.InvariantCulture),
                    function.Image);
            }

            console.Write(table);
            return 0;
        }).ConfigureAwait(false);
    }
}
