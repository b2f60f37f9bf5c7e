using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness up -f stack.yml</c>: build, push and deploy, stopping at the first step that fails.</summary>
internal sealed class UpCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<UpSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, UpSettings settings, CancellationToken cancellationToken)
    {
        if (StackLoader.Load(settings, environment, console, forBuild: true) is not { } stack)
        {
            return ExitCodes.UsageError;
        }

        if (ArtifactSteps.Build(console, stack, settings, environment.Time) is var built and not 0)
        {
            return built;
        }

        var url = GatewayConnection.ResolveUrl(settings, environment, stack.Provider.Gateway);
        using var client = GatewayConnection.Open(settings, environment, stack.Provider.Gateway);
        if (!settings.SkipPush && await ArtifactSteps.PushAsync(console, client, url, stack, settings, cancellationToken).ConfigureAwait(false) != 0)
        {
            return GatewayErrors.Failed;
        }

        return settings.SkipDeploy
            ? 0
            : await FunctionDeployer.DeployAsync(console, client, url, stack, settings, cancellationToken).ConfigureAwait(false);
    }
}
