using Harness.Platform;
using Harness.Platform.Gateway;
using Harness.Platform.Scheduling;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Platform;

/// <summary><c>harness platform up</c>: the gateway and the local provider in the foreground until Ctrl-C or SIGTERM.</summary>
internal sealed class PlatformUpCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<PlatformUpSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, PlatformUpSettings settings, CancellationToken cancellationToken)
    {
        // Ctrl-C and SIGTERM both end the wait below; the platform then stops every replica before the process exits.
        // Registered first, so a stop during the checks below is a clean stop (0), not the runtime's default end (143).
        using var stop = new StopSignals(cancellationToken);
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                console.MarkupLineVerbatim($"[red]platform up: {problem}[/]");
            }

            return ExitCodes.UsageError;
        }

        var options = new EmbeddedPlatformOptions
        {
            Port = settings.Port,
            Bind = settings.Bind,
            StateDirectory = settings.StateDirectoryUnder(environment.HomeDirectory),
            Gateway = settings.GatewayOptions(),
            ArtifactVersionsToKeep = settings.KeepArtifacts,
            TemplateCompat = settings.TemplateCompat,
            InsecureNoSandbox = settings.InsecureNoSandbox,
            ConfigureLocalProvider = settings.LocalProviderChanges(),
            ProviderFactory = settings.Provider == "kubernetes" ? KubernetesProviderFactory.Create(settings) : null,
            ConfigureLogging = logging => logging
                .AddSimpleConsole(o =>
                {
                    o.SingleLine = true;
                    o.TimestampFormat = "HH:mm:ss ";
                })
                .SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft", LogLevel.Warning)
                // A failed start (port taken) is reported once, as one line, by the catch below; not as the host's stack trace.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical)
                .AddFilter("System", LogLevel.Warning),
        };

        // Before anything starts: the provider's replicas, their functions and the runtime's threads inherit the policy.
        if (settings.SchedBatch && BatchScheduling.Apply() is { Applied: false, Error: { } error })
        {
            BatchScheduling.Revert();
            console.MarkupLineVerbatim($"[red]platform up: --sched-batch: {error}[/]");
            return ExitCodes.UsageError;
        }

        EmbeddedPlatform platform;
        try
        {
            platform = await EmbeddedPlatform.StartAsync(options, stop.Token).ConfigureAwait(false);
        }
        catch (PlatformStartException e)
        {
            console.MarkupLineVerbatim($"[red]platform up: {e.Message}[/]");
            return ExitCodes.UsageError;
        }

        await using (platform.ConfigureAwait(false))
        {
            console.MarkupLineVerbatim($"Gateway listening on [bold]{platform.Url}[/] (provider: {platform.Provider.Info.Name})");
            var state = platform.CredentialsCreated ? "generated now" : "existing";
            console.MarkupLineVerbatim($"Basic auth ({state}): user in {platform.UserFile}, password in {platform.PasswordFile}");
            console.MarkupLineVerbatim($"Log in with: harness login --gateway {platform.Url.ToString().TrimEnd('/')} -u {platform.Credentials.User} --password-stdin < {platform.PasswordFile}");
            if (settings.SchedBatch)
            {
                console.MarkupLine(settings.Provider == "local"
                    ? "Scheduling: SCHED_BATCH for the gateway and every replica and function it starts (OpenFaaS leaves the default policy)"
                    : "Scheduling: SCHED_BATCH for the gateway only; a function's pod gets it with the environment variable sched_batch=true (http mode; OpenFaaS leaves the default policy)");
            }

            foreach (var warning in platform.Warnings)
            {
                console.MarkupLineVerbatim($"[yellow]warning: {warning}[/]");
            }

            console.MarkupLine("Press Ctrl-C to stop.");

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            console.MarkupLine("Stopping: draining calls and stopping every replica...");
            await platform.StopAsync(CancellationToken.None).ConfigureAwait(false);
            console.MarkupLine("Stopped.");
        }

        return 0;
    }
}
