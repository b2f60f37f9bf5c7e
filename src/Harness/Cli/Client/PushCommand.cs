using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness push -f stack.yml</c>: uploads each built function to the gateway's artifact store.</summary>
internal sealed class PushCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<StackSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StackSettings settings, CancellationToken cancellationToken)
    {
        if (StackLoader.Load(settings, environment, console) is not { } stack)
        {
            return ExitCodes.UsageError;
        }

        var url = GatewayConnection.ResolveUrl(settings, environment, stack.Provider.Gateway);
        using var client = GatewayConnection.Open(settings, environment, stack.Provider.Gateway);
        return await ArtifactSteps.PushAsync(console, client, url, stack, settings, cancellationToken).ConfigureAwait(false);
    }
}
