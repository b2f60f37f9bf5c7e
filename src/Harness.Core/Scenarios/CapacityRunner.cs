using System.Globalization;
using Harness.Load;
using Harness.Results;

namespace Harness.Scenarios;

/// <summary>
/// Raises an open-model arrival rate window by window until a breaking condition (p99, error rate, dropped…) fails, and
/// reports the highest rate that held, latency against rate, and where the curve bent.
/// </summary>
internal sealed class CapacityRunner : IScenarioRunner
{
    public string Kind => ScenarioKinds.Capacity;

    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var options = scenario.Capacity ?? throw new ScenarioRunException($"{scenario.File}: no capacity section");
        var url = ScenarioUrls.Resolve(scenario, context.Target);
        var startedAt = context.Time.GetUtcNow();
        var started = context.Time.GetTimestamp();
        // One step, so the connection pool stays warm from window to window.
        using var step = FixedRequestStep.Create(new HttpRequestSpec
        {
            Url = url,
            Method = scenario.Method,
            Headers = scenario.Headers,
            Body = scenario.Body,
            ContentType = scenario.ContentType,
        }, scenario.Connections, context.Target.VerifyTls);
        var windows = new List<CapacityWindow>();
        var rates = options.Rates();
        var total = options.MostWindows;
        CapacityWindow? stopped = null;

        // Null when interrupted; what the stopped window measured is kept in `stopped`, not judged.
        async Task<CapacityWindow?> RunWindowAsync(double rate, double? rampFrom, bool refined)
        {
            context.Status?.Report(string.Create(CultureInfo.InvariantCulture, $"window {windows.Count + 1}/{total}: {rate:0.##}/s{(refined ? " (refining)" : "")}"));
            LoadSimulation[] load = rampFrom is { } from
                ? [Simulation.Inject(from, TimeSpan.FromSeconds(1), TimeSpan.Zero), Simulation.RampingInject(rate, TimeSpan.FromSeconds(1), options.StepDuration)]
                : [Simulation.Inject(rate, TimeSpan.FromSeconds(1), options.StepDuration)];
            var props = new ScenarioProps
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"{scenario.Name} @ {rate:0.##}/s"),
                Step = step.InvokeAsync,
                Simulations = load,
                RequestTimeout = options.Timeout,
                PreAllocatedVus = Math.Min(LoadDefaults.PreAllocatedVus, options.MaxVus),
                MaxVus = options.MaxVus,
                Thresholds = options.Breaks,
            };
            var result = await LoadRunner.RunScenarioAsync(
                props, new LoadRunOptions { Time = context.Time, Progress = context.Progress, Kind = Kind }, cancellationToken).ConfigureAwait(false);
            if (result.Status == ScenarioStatus.Interrupted)
            {
                stopped = new CapacityWindow(rate, result, Held: false, [], refined);
                return null;
            }

            var broken = result.Thresholds.Where(t => !t.Passed).Select(t => t.Message ?? t.Expression).ToList();
            if (result.Status == ScenarioStatus.Failed && broken.Count == 0)
            {
                broken.Add(result.Notes.LastOrDefault() ?? "the window failed");
            }

            var window = new CapacityWindow(rate, result, broken.Count == 0, broken, refined);
            windows.Add(window);
            return window;
        }

        CapacityWindow? last = null;
        foreach (var rate in rates)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            last = await RunWindowAsync(rate, options.Continuous && last is not null ? last.Rate : null, refined: false).ConfigureAwait(false);
            if (last is not { Held: true })
            {
                break;
            }
        }

        // Bisection between the highest rate that held and the lowest that broke; each window holds its rate, since a
        // ramp down from a rate that broke would start in the backlog it left.
        if (last is { Held: false } && windows.LastOrDefault(w => w.Held) is { } held)
        {
            var (low, high) = (held.Rate, last.Rate);
            for (var i = 0; i < options.Refine && !cancellationToken.IsCancellationRequested; i++)
            {
                var window = await RunWindowAsync((low + high) / 2, null, refined: true).ConfigureAwait(false);
                if (window is null)
                {
                    break;
                }

                (low, high) = window.Held ? (window.Rate, high) : (low, window.Rate);
            }
        }

        return CapacityReport.Build(scenario, options, windows, cancellationToken.IsCancellationRequested, startedAt, context.Time.GetElapsedTime(started), step.Describe(), stopped);
    }
}
