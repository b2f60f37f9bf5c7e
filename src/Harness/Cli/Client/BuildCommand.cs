using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>
/// <c>harness build -f stack.yml</c>: template + handler → <c>build/&lt;function&gt;/</c>, the role of <c>docker build</c>.
/// When the gateway is on this machine, the artifact also goes into that platform's store.
/// </summary>
internal sealed class BuildCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<BuildSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BuildSettings settings, CancellationToken cancellationToken)
    {
        if (StackLoader.Load(settings, environment, console, forBuild: true) is not { } stack)
        {
            return ExitCodes.UsageError;
        }

        if (ArtifactSteps.Build(console, stack, settings, environment.Time) is var built and not 0)
        {
            return built;
        }

        if (settings.Dockerfile && !DockerContexts.Write(console, stack, settings))
        {
            return GatewayErrors.Failed;
        }

        var url = GatewayConnection.ResolveUrl(settings, environment, stack.Provider.Gateway);
        if (settings.LocalOnly || !ArtifactSteps.IsLocal(url))
        {
            return 0;
        }

        // The local store is a convenience here: a platform that is not running is not a build failure.
        using var client = GatewayConnection.Open(settings, environment, stack.Provider.Gateway);
        if (await ArtifactSteps.PushAsync(console, client, url, stack, settings, cancellationToken).ConfigureAwait(false) != 0)
        {
            console.MarkupLineVerbatim($"[yellow]warning[/] the build is in build/, but not in the platform at {url}; run harness push when it is up");
        }

        return 0;
    }
}
