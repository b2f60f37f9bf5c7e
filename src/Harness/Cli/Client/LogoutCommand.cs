using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness logout</c>: removes the stored credentials of a gateway.</summary>
internal sealed class LogoutCommand(IAnsiConsole console, CliEnvironment environment) : Command<GatewaySettings>
{
    public override int Execute(CommandContext context, GatewaySettings settings, CancellationToken cancellationToken)
    {
        var url = GatewayConnection.ResolveUrl(settings, environment);
        var config = GatewayConnection.Config(environment);
        if (!config.Remove(url))
        {
            console.MarkupLineVerbatim($"[red]error[/] no credentials stored for {url} in {config.FilePath}");
            return GatewayErrors.Failed;
        }

        console.MarkupLineVerbatim($"credentials removed for {url}");
        return 0;
    }
}
