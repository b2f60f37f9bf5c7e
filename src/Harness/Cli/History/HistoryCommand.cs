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
        catch (FileNotFoundException e)
        {
            console.MarkupLineInterpolated($"[red]error[/] {e.Message}");
            return ExitCodes.UsageError;
        }

        using (store)
        {
            var runs = store.ListRuns(settings.Scenario, Math.Max(1, settings.Limit));
            var pins = store.Baselines().GroupBy(p => p.Value).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p.Key)));
            var table = new Table().Title($"history {Markup.Escape(settings.History)}")
                .AddColumns("run", "started (UTC)", "profile", "target", "commit", "scenarios", "baseline");
            foreach (var r in runs)
            {
                table.AddRow(
                    Markup.Escape(r.RunId) + (r.Interrupted ? " [yellow](interrupted)[/]" : ""),
                    r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(r.Profile),
                    Markup.Escape(r.TargetName),
                    Markup.Escape(r.GitCommit is { Length: > 10 } g ? g[..10] : r.GitCommit ?? ""),
                    Markup.Escape(string.Join(", ", r.Scenarios.Select(s => s.Status == "passed" ? s.Name : $"{s.Name} ({s.Status})"))),
                    Markup.Escape(pins.GetValueOrDefault(r.RunId, "")));
            }

            WideOutput.Write(console, table);
            if (runs.Count == 0)
            {
                console.MarkupLine(settings.Scenario is null ? "no runs recorded yet" : $"no runs with scenario '{Markup.Escape(settings.Scenario)}'");
            }

            return 0;
        }
    }
}
