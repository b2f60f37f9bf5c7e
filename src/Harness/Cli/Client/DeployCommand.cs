using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>
/// <c>harness deploy -f stack.yml</c>: sends each function's deployment (PUT, then POST when new; <c>--replace</c>
/// removes first), with faas-cli's flags over the stack's values; or <c>deploy --image IMG --name NAME</c> without a stack.
/// </summary>
internal sealed class DeployCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<DeploySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, DeploySettings settings, CancellationToken cancellationToken)
    {
        if (settings.FromFlags)
        {
            var gateway = GatewayConnection.ResolveUrl(settings, environment);
            using var direct = GatewayConnection.Open(settings, environment);
            return await FunctionDeployer.DeployAsync(console, direct, gateway, [DeployOverrides.FromFlags(settings)], settings.Mode, cancellationToken).ConfigureAwait(false);
        }

        if (StackLoader.Load(settings, environment, console) is not { } stack)
        {
            return ExitCodes.UsageError;
        }

        var url = GatewayConnection.ResolveUrl(settings, environment, stack.Provider.Gateway);
        using var client = GatewayConnection.Open(settings, environment, stack.Provider.Gateway);
        return await FunctionDeployer.DeployAsync(console, client, url, stack, settings, cancellationToken).ConfigureAwait(false);
    }
}
