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
        double previous = 0;
        foreach (var rate in rates)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            context.Status?.Report(string.Create(CultureInfo.InvariantCulture, $"window {windows.Count + 1}/{rates.Count}: {rate:0.##}/s"));
            LoadSimulation[] load = options.Continuous && windows.Count > 0
                ? [Simulation.Inject(previous, TimeSpan.FromSeconds(1), TimeSpan.Zero), Simulation.RampingInject(rate, TimeSpan.FromSeconds(1), options.StepDuration)]
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
                break;
            }

            var broken = result.Thresholds.Where(t => !t.Passed).Select(t => t.Message ?? t.Expression).ToList();
            if (result.Status == ScenarioStatus.Failed && broken.Count == 0)
            {
                broken.Add(result.Notes.LastOrDefault() ?? "the window failed");
            }

            windows.Add(new CapacityWindow(rate, result, broken.Count == 0, broken));
            previous = rate;
            if (broken.Count > 0)
            {
                break;
            }
        }

        return CapacityReport.Build(scenario, options, windows, cancellationToken.IsCancellationRequested, startedAt, context.Time.GetElapsedTime(started), step.Describe());
    }
}
