using System.Text;
using Harness.Distributed;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Agent;

/// <summary>
/// <c>harness agent</c>: one load generator of a distributed run. It takes its work, execution segment and start time
/// from the coordinator (<c>harness run --agents N</c>) and exits when told, when the coordinator goes silent, or on SIGTERM.
/// The bearer token comes from <c>HARNESS_AGENT_TOKEN</c>, never from the command line (visible in ps).
/// </summary>
internal sealed class AgentCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<AgentSettings>
{
    /// <summary>The environment variable that carries the run's token.</summary>
    public const string TokenVariable = AgentLaunch.TokenVariable;

    public override async Task<int> ExecuteAsync(CommandContext context, AgentSettings settings, CancellationToken cancellationToken)
    {
        var token = environment.Variables.GetValueOrDefault(TokenVariable);
        if (string.IsNullOrEmpty(token))
        {
            ConsoleText.Error(console, $"{TokenVariable} is not set: an agent only takes work from a coordinator that knows the run's token");
            return ExitCodes.UsageError;
        }

        using var stop = new StopSignals(cancellationToken);
        await using var server = await AgentServer.StartAsync(settings.Listen, token, environment.Time, stop.Token).ConfigureAwait(false);
        // The coordinator reads this line to find the agent; it must be the first thing on standard output.
        var first = Encoding.UTF8.GetBytes($"harness agent listening on {server.Address}\n");
        await environment.StandardOutput.WriteAsync(first, stop.Token).ConfigureAwait(false);
        await environment.StandardOutput.FlushAsync(stop.Token).ConfigureAwait(false);

        var lifeline = settings.StdinLifeline ? Task.Run(() => { using var input = environment.OpenStandardInput(); input.CopyTo(Stream.Null); }, CancellationToken.None) : Task.Delay(Timeout.Infinite, stop.Token);
        var idle = TimeSpan.FromSeconds(Math.Max(1, settings.IdleTimeoutSeconds));
        while (!stop.Token.IsCancellationRequested)
        {
            var tick = Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
            var done = await Task.WhenAny(server.ShutdownRequested, lifeline, tick).ConfigureAwait(false);
            if (done != tick || (server.SinceContact > idle && server.Session.Completion.IsCompleted))
            {
                break;
            }
        }

        // Disposing stops a run still going and waits for it (the executor ends its in-flight requests).
        return 0;
    }
}
