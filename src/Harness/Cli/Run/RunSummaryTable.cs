using System.Globalization;
using Harness.Results;
using Spectre.Console;

namespace Harness.Cli.Run;

/// <summary>The table printed at the end of <c>harness run</c>: one row per scenario, then one per failed threshold.</summary>
internal static class RunSummaryTable
{
    public static void Write(IAnsiConsole console, RunSummary run, IReadOnlyList<string> files)
    {
        var table = new Table().Title("harness run " + Markup.Escape(run.RunId))
            .AddColumns("scenario", "kind", "status", "requests", "req/s", "errors", "dropped", "p50 ms", "p99 ms", "thresholds");
        foreach (var s in run.Scenarios)
        {
            var metric = s.Metrics.GetValueOrDefault("http_req_duration") ?? s.Metrics.Values.FirstOrDefault();
            table.AddRow(
                ConsoleText.Verbatim(s.Name),
                ConsoleText.Verbatim(s.Kind),
                new Markup($"[{RunConsole.Colour(s.Status)}]{RunConsole.StatusWord(s)}[/]"),
                new Text(Count(s, "requests")),
                new Text(s.Values.TryGetValue("rps", out var rps) ? rps.ToString("0.#", CultureInfo.InvariantCulture) : ""),
                new Text(Count(s, "errors")),
                new Text(Count(s, "dropped_iterations")),
                new Text(metric is { Count: > 0 } ? metric.P50.ToString("0.##", CultureInfo.InvariantCulture) : ""),
                new Text(metric is { Count: > 0 } ? metric.P99.ToString("0.##", CultureInfo.InvariantCulture) : ""),
                new Text(s.Thresholds.Count == 0 ? "" : $"{s.Thresholds.Count(t => t.Passed)}/{s.Thresholds.Count} met"));
        }

        var width = console.Profile.Width;
        if (!console.Profile.Out.IsTerminal)
        {
            // Logs and CI read redirected output: a wide table beats one squeezed into 80 columns.
            console.Profile.Width = Math.Max(width, 160);
        }

        try
        {
            console.Write(table);
        }
        finally
        {
            console.Profile.Width = width;
        }

        foreach (var s in run.Scenarios)
        {
            foreach (var t in s.Thresholds.Where(t => !t.Passed))
            {
                // Load thresholds' messages restate their expression; node-audit rows say only the current value.
                var text = t.Message is null ? t.Expression
                    : t.Message.Contains(t.Metric, StringComparison.Ordinal) ? t.Message
                    : $"{t.Expression}: {t.Message}";
                ConsoleText.Line(console, "threshold failed", "red", $"{s.Name}: {text}");
            }

            if (s.Error is not null && ScenarioStatuses.IsJUnitError(s.Status))
            {
                ConsoleText.Line(console, s.Status == ScenarioStatus.CouldNotRun ? "could not run" : "error", "red", $"{s.Name}: {s.Error}");
            }

            foreach (var (figure, why) in s.Missing)
            {
                ConsoleText.Line(console, "partial", "yellow", $"{s.Name}: {figure} not measured: {why}");
            }

            foreach (var note in s.Notes)
            {
                ConsoleText.Line(console, "note", "grey", $"{s.Name}: {note}");
            }
        }

        if (run.Interrupted)
        {
            console.MarkupLine("[yellow]stopped early (Ctrl-C): the files hold what was measured until then[/]");
        }

        foreach (var f in files)
        {
            console.Write(new Text($"wrote {f}"));
            console.WriteLine();
        }
    }

    private static string Count(ScenarioResult s, string key)
        => s.Counters.TryGetValue(key, out var v) ? v.ToString(CultureInfo.InvariantCulture) : "";
}
