using Harness.Platform.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness deploy -f stack.yml</c>: sends each function's deployment (PUT, then POST when new).</summary>
internal sealed class DeployCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<StackSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StackSettings settings, CancellationToken cancellationToken)
    {
        if (StackLoader.Load(settings, environment, console) is not { } stack)
        {
            return HarnessApp.UsageError;
        }

        var url = GatewayConnection.ResolveUrl(settings, environment, stack.Provider.Gateway);
        using var client = GatewayConnection.Open(settings, environment, stack.Provider.Gateway);
        return await FunctionDeployer.DeployAsync(console, client, url, stack, settings, cancellationToken).ConfigureAwait(false);
    }
}
