using System.Diagnostics;
using System.Globalization;
using Harness.Load;
using Harness.Platform.Client;
using Harness.Results;
using Harness.Statistics;

namespace Harness.Scenarios;

/// <summary>
/// For each function: scale to zero through the gateway API and wait until no replica is left, call it, and time the first and last byte;
/// split the first byte into the gateway's hold (replica start), the replica's first response and the rest; then a warm baseline.
/// </summary>
internal sealed class ColdStartRunner : IScenarioRunner
{
    private const string HoldHeader = "X-Harness-Hold-Ms";
    private const string UpstreamHeader = "X-Harness-Upstream-Ms";

    public string Kind => ScenarioKinds.ColdStart;

    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var options = scenario.ColdStart ?? new ColdStartOptions();
        var client = context.Target.Client ?? throw new ScenarioRunException($"{scenario.File}: cold-start needs a gateway target");
        var gateway = context.Target.Gateway!;
        var started = context.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        using var http = LoadHttpClient.Create(ConnectionPolicy.NewConnectionPerRequest(), context.Target.VerifyTls);
        var all = new Dictionary<string, (List<ColdStartSample> Cold, List<ColdStartSample> Warm, string Mode, string Runtime)>(StringComparer.Ordinal);
        var errors = 0L;
        try
        {
            foreach (var function in options.Functions)
            {
                var status = await client.GetFunctionAsync(function, null, cancellationToken).ConfigureAwait(false)
                    ?? throw new ScenarioRunException($"{scenario.File}: function '{function}' is not deployed on the target");
                var mode = status.EnvVars?.GetValueOrDefault("mode") ?? "serializing";
                var runtime = Runtime(status.EnvProcess ?? status.EnvVars?.GetValueOrDefault("fprocess"));
                var cold = new List<ColdStartSample>();
                var warm = new List<ColdStartSample>();
                all[function] = (cold, warm, mode, runtime);
                var url = ScenarioUrls.FunctionUrl(gateway, function, scenario.FunctionPath);
                for (var i = 0; i < options.Repetitions && !cancellationToken.IsCancellationRequested; i++)
                {
                    context.Status?.Report($"{function}: scaling to zero ({i + 1}/{options.Repetitions})");
                    await ScaleToZeroAsync(client, function, options.ScaleDownTimeout, cancellationToken).ConfigureAwait(false);
                    context.Status?.Report($"{function}: cold call {i + 1}/{options.Repetitions}");
                    cold.Add(await InvokeAsync(http, url, scenario, options.InvokeTimeout, cancellationToken).ConfigureAwait(false));
                }

                for (var i = 0; i < options.Warm && !cancellationToken.IsCancellationRequested; i++)
                {
                    warm.Add(await InvokeAsync(http, url, scenario, options.InvokeTimeout, cancellationToken).ConfigureAwait(false));
                }

                errors += cold.Count(s => !s.Ok) + warm.Count(s => !s.Ok);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: report the calls made so far.
        }
        finally
        {
            foreach (var function in all.Keys)
            {
                // Leave the functions as they were (one replica), whatever happened.
                await TryAsync(() => client.ScaleAsync(function, 1, null, CancellationToken.None)).ConfigureAwait(false);
            }
        }

        var result = Build(scenario, all, errors, started, clock.Elapsed);
        return ThresholdEvaluator.Apply(result, scenario.Thresholds);
    }

    private static async Task ScaleToZeroAsync(OpenFaasClient client, string function, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await client.ScaleAsync(function, 0, null, cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var s = await client.GetFunctionAsync(function, null, usage: false, deadline.Token).ConfigureAwait(false);
                if (s is null or { Replicas: 0, AvailableReplicas: 0 })
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScenarioRunException($"function '{function}' still had replicas {timeout.TotalSeconds:0} s after scaling to zero");
        }
    }

    private static async Task<ColdStartSample> InvokeAsync(HttpClient http, Uri url, ScenarioDefinition scenario, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(scenario.Method == "GET" && scenario.Body is null ? "POST" : scenario.Method), url);
        request.Headers.ConnectionClose = true;
        request.Content = new StringContent(scenario.Body ?? "cold-start");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            var ttfb = clock.Elapsed.TotalMilliseconds;
            await response.Content.CopyToAsync(Stream.Null, cts.Token).ConfigureAwait(false);
            var ttlb = clock.Elapsed.TotalMilliseconds;
            var status = (int)response.StatusCode;
            return new ColdStartSample(status < 400, status, ttfb, ttlb, Header(response, HoldHeader), Header(response, UpstreamHeader), status < 400 ? null : $"HTTP {status}");
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new ColdStartSample(false, 0, clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds, null, null, e.Message);
        }
    }

    private static double? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Runtime(string? fprocess)
    {
        // Functions built from a template keep their command in the artifact, which the API does not show.
        var first = (fprocess ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null ? "template" : Path.GetFileName(first);
    }

    private static ScenarioResult Build(
        ScenarioDefinition scenario,
        Dictionary<string, (List<ColdStartSample> Cold, List<ColdStartSample> Warm, string Mode, string Runtime)> all,
        long errors,
        DateTimeOffset started,
        TimeSpan elapsed)
    {
        var metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var samples = new List<SampleSet>();
        var rows = new List<IReadOnlyList<string>>();
        var allCold = LatencyHistogram.Create();
        var allWarm = LatencyHistogram.Create();
        var allTtlb = LatencyHistogram.Create();
        static string F(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("0.#", CultureInfo.InvariantCulture) : "–";
        foreach (var (function, (cold, warm, mode, runtime)) in all)
        {
            var key = function.Replace('-', '_');
            var okCold = cold.Where(s => s.Ok).ToList();
            var okWarm = warm.Where(s => s.Ok).ToList();
            metrics[$"cold_start_ttfb_{key}"] = Summary(okCold.Select(s => s.TtfbMs), allCold);
            metrics[$"cold_start_ttlb_{key}"] = Summary(okCold.Select(s => s.TtlbMs), allTtlb);
            metrics[$"warm_ttfb_{key}"] = Summary(okWarm.Select(s => s.TtfbMs), allWarm);
            samples.Add(new SampleSet { Name = $"{function} cold", Values = okCold.Select(s => Math.Round(s.TtfbMs, 3)).ToList() });
            samples.Add(new SampleSet { Name = $"{function} warm", Values = okWarm.Select(s => Math.Round(s.TtfbMs, 3)).ToList() });
            var coldP50 = SampleMedian.Of(okCold.Select(s => s.TtfbMs));
            var warmP50 = SampleMedian.Of(okWarm.Select(s => s.TtfbMs));
            var hold = SampleMedian.Of(okCold.Where(s => s.HoldMs is not null).Select(s => s.HoldMs!.Value));
            var upstream = SampleMedian.Of(okCold.Where(s => s.UpstreamMs is not null).Select(s => s.UpstreamMs!.Value));
            var rest = SampleMedian.Of(okCold.Where(s => s.HoldMs is not null && s.UpstreamMs is not null).Select(s => s.TtfbMs - s.HoldMs!.Value - s.UpstreamMs!.Value));
            values[$"cold_warm_ratio_{key}"] = warmP50 > 0 ? Math.Round(coldP50 / warmP50, 2) : double.NaN;
            values[$"replica_start_p50_ms_{key}"] = hold;
            rows.Add([function, mode, runtime, $"{okCold.Count}/{cold.Count}", F(coldP50), F(hold), F(upstream), F(rest), F(SampleMedian.Of(okCold.Select(s => s.TtlbMs))), F(warmP50), F(values[$"cold_warm_ratio_{key}"])]);
        }

        metrics["cold_start_ttfb"] = MetricHistogram.Summarize(allCold);
        metrics["cold_start_ttlb"] = MetricHistogram.Summarize(allTtlb);
        metrics["warm_ttfb"] = MetricHistogram.Summarize(allWarm);
        var calls = all.Values.Sum(v => v.Cold.Count + v.Warm.Count);
        values["error_rate"] = calls == 0 ? 0 : (double)errors / calls;
        var failures = all.SelectMany(kv => kv.Value.Cold.Concat(kv.Value.Warm).Where(s => !s.Ok).Select(s => $"{kv.Key}: {s.Error}")).Distinct().Take(5).ToList();
        return new ScenarioResult
        {
            Name = scenario.Name,
            Kind = ScenarioKinds.ColdStart,
            Status = ScenarioStatus.Passed,
            Description = scenario.Description,
            ScenarioHash = scenario.Hash,
            StartedAt = started,
            Duration = elapsed,
            LoadModel = $"{(scenario.ColdStart ?? new()).Repetitions} cold + {(scenario.ColdStart ?? new()).Warm} warm calls per function, new connection each",
            Metrics = metrics,
            Values = values,
            Counters = new Dictionary<string, long> { ["requests"] = calls, ["errors"] = errors },
            Samples = samples,
            Tables =
            [
                new ResultTable
                {
                    Title = "Cold start by function (medians, ms): gateway hold = waiting for a ready replica; first response = replica's answer to the first call",
                    Columns = ["function", "mode", "runtime", "ok", "TTFB", "gateway hold", "first response", "rest", "TTLB", "warm TTFB", "cold/warm"],
                    Rows = rows,
                    Source = "X-Harness-Hold-Ms and X-Harness-Upstream-Ms response headers of the gateway",
                },
            ],
            Notes = failures,
        };
    }

    private static MetricSummary Summary(IEnumerable<double> ms, HdrHistogram.LongHistogram into)
    {
        var h = LatencyHistogram.Create();
        foreach (var v in ms)
        {
            LatencyHistogram.Record(h, v * 1000);
            LatencyHistogram.Record(into, v * 1000);
        }

        return MetricHistogram.Summarize(h);
    }


    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException or OperationCanceledException)
        {
            // Best effort on the way out.
        }
    }
}
