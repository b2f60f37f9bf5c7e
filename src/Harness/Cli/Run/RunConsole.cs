using System.Globalization;
using Harness.Load;
using Harness.Results;
using Harness.Runs;
using Harness.Scenarios;
using Spectre.Console;

namespace Harness.Cli.Run;

/// <summary>The live view of <c>harness run</c>: one progress line per scenario (a live bar on a terminal, plain lines otherwise), names printed verbatim.</summary>
internal sealed class RunConsole(IAnsiConsole console, ProgressContext? live, TimeProvider time) : IRunObserver
{
    private readonly Dictionary<string, ProgressTask> tasks = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private DateTimeOffset lastPlain = DateTimeOffset.MinValue;

    public void ScenarioStarting(ScenarioDefinition scenario, int index, int count)
    {
        lock (gate)
        {
            if (live is not null)
            {
                tasks[scenario.Name] = live.AddTask($"{scenario.Name} ({index + 1}/{count}) starting", maxValue: 100);
            }
            else
            {
                console.MarkupLineVerbatim($"[bold]{scenario.Name}[/] ({index + 1}/{count}, {scenario.Kind}) starting");
            }
        }
    }

    public void Progress(ScenarioDefinition scenario, LoadProgress p)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}{(p.WarmingUp ? " warm-up" : "")}  {p.Elapsed.TotalSeconds:0}s{(p.Planned is { } pl ? $"/{pl.TotalSeconds:0}s" : "")}  {p.Requests} req  {p.Rps:0.#}/s  err {p.Errors}  drop {p.Dropped}  in-flight {p.InFlight}");
        lock (gate)
        {
            if (live is not null && tasks.TryGetValue(scenario.Name, out var task))
            {
                task.Description = text;
                if (p.Planned is { } planned && planned > TimeSpan.Zero)
                {
                    task.Value = Math.Min(99, 100 * p.Elapsed / planned);
                }
            }
            else if (live is null && time.GetUtcNow() - lastPlain >= TimeSpan.FromSeconds(2))
            {
                lastPlain = time.GetUtcNow();
                console.WriteLine("  " + text);
            }
        }
    }

    public void Status(ScenarioDefinition scenario, string status)
    {
        lock (gate)
        {
            if (live is not null && tasks.TryGetValue(scenario.Name, out var task))
            {
                task.Description = $"{scenario.Name}  {status}";
            }
            else if (live is null)
            {
                console.WriteLine($"  {scenario.Name}: {status}");
            }
        }
    }

    public void ScenarioFinished(ScenarioDefinition scenario, ScenarioResult result)
    {
        var line = $"{result.Name}  {StatusWord(result)}  {result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s{(result.Error is null ? "" : "  " + result.Error)}";
        lock (gate)
        {
            if (live is not null && tasks.TryGetValue(scenario.Name, out var task))
            {
                task.Description = line;
                VerbatimDescriptionColumn.Finish(task, result.Status);
                task.Value = 100;
                task.StopTask();
            }
            else
            {
                console.MarkupLineVerbatim($"[{Colour(result.Status)}]{line}[/]");
            }
        }
    }

    public static string Colour(ScenarioStatus status) => status switch
    {
        ScenarioStatus.Passed => "green",
        ScenarioStatus.Failed => "red",
        ScenarioStatus.Error => "red",
        ScenarioStatus.CouldNotRun => "red",
        _ => "yellow",
    };

    public static string StatusWord(ScenarioStatus status) => ScenarioStatuses.Word(status);

    public static string StatusWord(ScenarioResult result) => ScenarioStatuses.Word(result);
}
