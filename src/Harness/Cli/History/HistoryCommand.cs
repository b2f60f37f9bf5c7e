using System.Globalization;
using Harness.History;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.History;

/// <summary><c>harness history [--history FILE] [--scenario NAME]</c>: the recorded runs, newest first.</summary>
internal sealed class HistoryCommand(IAnsiConsole console) : Command<HistorySettings>
{
    public override int Execute(CommandContext context, HistorySettings settings, CancellationToken cancellationToken)
    {
        HistoryStore store;
        try
        {
            store = HistoryStore.OpenExisting(settings.History);
        }
        catch (IOException e)
        {
            // Missing, a folder, not a database (HistoryFileException): named, exit 2.
            console.MarkupLineVerbatim($"[red]error[/] {e.Message}");
            return ExitCodes.UsageError;
        }

        using (store)
        {
            var runs = store.ListRuns(settings.Scenario, Math.Max(1, settings.Limit));
            var pins = store.Baselines().GroupBy(p => p.Value).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p.Key)));
            // The title is a line of its own: a table title is always markup, and the path is the user's.
            console.MarkupLineVerbatim($"history {settings.History}");
            var table = new Table()
                .AddColumns("run", "started (UTC)", "profile", "target", "commit", "scenarios", "baseline");
            foreach (var r in runs)
            {
                table.AddRow(
                    r.Interrupted ? ConsoleText.Markup($"{r.RunId} [yellow](interrupted)[/]") : ConsoleText.Verbatim(r.RunId),
                    new Text(r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
                    ConsoleText.Verbatim(r.Profile),
                    ConsoleText.Verbatim(r.TargetName),
                    ConsoleText.Verbatim(r.GitCommit is { Length: > 10 } g ? g[..10] : r.GitCommit ?? ""),
                    ConsoleText.Verbatim(string.Join(", ", r.Scenarios.Select(s => s.Status == "passed" ? s.Name : $"{s.Name} ({s.Status})"))),
                    ConsoleText.Verbatim(pins.GetValueOrDefault(r.RunId, "")));
            }

            WideOutput.Write(console, table);
            if (runs.Count == 0)
            {
                console.MarkupLineVerbatim($"{(settings.Scenario is null ? "no runs recorded yet" : $"no runs with scenario '{settings.Scenario}'")}");
            }

            return 0;
        }
    }
}
