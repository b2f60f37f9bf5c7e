using Harness.History;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.History;

/// <summary><c>harness baseline set NAME [RUN]</c>: pins a named baseline that <c>harness compare --baseline NAME</c> uses.</summary>
internal sealed class BaselineSetCommand(IAnsiConsole console, CliEnvironment environment) : Command<BaselineSetSettings>
{
    public override int Execute(CommandContext context, BaselineSetSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            using var store = HistoryStore.OpenExisting(settings.History);
            var run = settings.Run ?? store.ListRuns(limit: 1).FirstOrDefault()?.RunId;
            if (run is null)
            {
                console.MarkupLineVerbatim($"[red]error[/] {settings.History}: no runs recorded yet");
                return ExitCodes.UsageError;
            }

            store.SetBaseline(settings.Name, run, environment.Time.GetUtcNow());
            console.MarkupLineVerbatim($"baseline {settings.Name} → {run}");
            return 0;
        }
        catch (Exception e) when (e is IOException or KeyNotFoundException)
        {
            console.MarkupLineVerbatim($"[red]error[/] {e.Message}");
            return ExitCodes.UsageError;
        }
    }
}
