using System.Diagnostics;
using System.Globalization;
using Harness.Load;
using Harness.Platform.Client;
using Harness.Results;
using Harness.Statistics;
using Harness.Targets;

namespace Harness.Scenarios;

/// <summary>
/// For each function: make it cold (<see cref="ColdMaker"/>: scale to zero through the gateway, its Deployment to 0 through the
/// Kubernetes API, or a fresh copy whose first call is timed), call it on a new connection and time the first and last byte;
/// split the first byte into the gateway's hold (replica start), the replica's first response and the rest; then a warm baseline.
/// The way used is recorded; a repetition that fails is a counted error and the samples already taken are kept.
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
        var poller = new StatusPoller(client, 20, context.Time);
        var maker = new ColdMaker(context.Target, client, poller, options);
        var all = new List<ColdStartFunction>();
        try
        {
            foreach (var name in options.Functions)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var status = await client.GetFunctionAsync(name, null, cancellationToken).ConfigureAwait(false);
                var function = new ColdStartFunction(name, status?.EnvVars?.GetValueOrDefault("mode") ?? "serializing", Runtime(status?.EnvProcess ?? status?.EnvVars?.GetValueOrDefault("fprocess")));
                all.Add(function);
                if (status is null)
                {
                    function.Problem = $"function '{name}' is not deployed on the target";
                    continue;
                }

                function.Deployed = true;

                await MeasureAsync(function, status, maker, http, gateway, scenario, options, context, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: report the calls made so far.
        }
        finally
        {
            foreach (var function in all.Where(f => f.Deployed))
            {
                // Leave the functions with one replica, whatever happened (a refused or half-done scale to zero included).
                await maker.RestoreAsync(function.Name).ConfigureAwait(false);
            }

            await maker.RemoveCopiesAsync().ConfigureAwait(false);
        }

        return Build(scenario, all, context.Target.ReplicaScaler?.Description, maker.GatewayRefusal, poller.Requests, started, clock.Elapsed);
    }

    /// <summary>The repetitions of one function: a repetition that cannot be made cold is a counted error and the next one still runs; the samples taken are kept.</summary>
    private static async Task MeasureAsync(
        ColdStartFunction function, Platform.Contracts.FunctionStatus status, ColdMaker maker, HttpClient http, Uri gateway,
        ScenarioDefinition scenario, ColdStartOptions options, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var called = function.Name;
        for (var i = 0; i < options.Repetitions && !cancellationToken.IsCancellationRequested; i++)
        {
            context.Status?.Report($"{function.Name}: making it cold ({i + 1}/{options.Repetitions})");
            try
            {
                called = await maker.MakeColdAsync(function, status, i + 1, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ScenarioRunException or TimeoutException or HttpRequestException or OpenFaasApiException or InvalidOperationException)
            {
                function.Cold.Add(new ColdStartSample(false, 0, double.NaN, double.NaN, null, null, $"repetition {i + 1}: {e.Message}"));
                if (e is ScenarioRunException)
                {
                    // No way to make it cold at all: the remaining repetitions would say the same.
                    function.Problem = e.Message;
                    return;
                }

                continue;
            }

            if (function.Method == ColdStartMethods.Gateway)
            {
                try
                {
                    function.Standby.Add(await maker.WaitStandbyAsync(called, cancellationToken).ConfigureAwait(false));
                }
                catch (Exception e) when (e is HttpRequestException or OpenFaasApiException or System.Text.Json.JsonException)
                {
                    // /system/info unreadable (not every gateway serves it): the call is made all the same, standby unknown.
                    function.Standby.Add(null);
                }
            }

            context.Status?.Report($"{function.Name}: cold call {i + 1}/{options.Repetitions}");
            function.Cold.Add(await InvokeAsync(http, ScenarioUrls.FunctionUrl(gateway, called, scenario.FunctionPath), scenario, options.InvokeTimeout, cancellationToken).ConfigureAwait(false));
        }

        for (var i = 0; i < options.Warm && !cancellationToken.IsCancellationRequested; i++)
        {
            function.Warm.Add(await InvokeAsync(http, ScenarioUrls.FunctionUrl(gateway, called, scenario.FunctionPath), scenario, options.InvokeTimeout, cancellationToken).ConfigureAwait(false));
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
        ScenarioDefinition scenario, List<ColdStartFunction> all, string? scaler, string? gatewayRefusal, long statusReads, DateTimeOffset started, TimeSpan elapsed)
    {
        var metrics = new SortedDictionary<string, MetricSummary>(StringComparer.Ordinal);
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var samples = new List<SampleSet>();
        var rows = new List<IReadOnlyList<string>>();
        var allCold = LatencyHistogram.Create();
        var allWarm = LatencyHistogram.Create();
        var allTtlb = LatencyHistogram.Create();
        static string F(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("0.#", CultureInfo.InvariantCulture) : "–";
        foreach (var f in all)
        {
            var key = f.Name.Replace('-', '_');
            var okCold = f.Cold.Where(s => s.Ok).ToList();
            var okWarm = f.Warm.Where(s => s.Ok).ToList();
            metrics[$"cold_start_ttfb_{key}"] = Summary(okCold.Select(s => s.TtfbMs), allCold);
            metrics[$"cold_start_ttlb_{key}"] = Summary(okCold.Select(s => s.TtlbMs), allTtlb);
            metrics[$"warm_ttfb_{key}"] = Summary(okWarm.Select(s => s.TtfbMs), allWarm);
            samples.Add(new SampleSet { Name = $"{f.Name} cold", Values = okCold.Select(s => Math.Round(s.TtfbMs, 3)).ToList() });
            samples.Add(new SampleSet { Name = $"{f.Name} warm", Values = okWarm.Select(s => Math.Round(s.TtfbMs, 3)).ToList() });
            var coldP50 = SampleMedian.Of(okCold.Select(s => s.TtfbMs));
            var warmP50 = SampleMedian.Of(okWarm.Select(s => s.TtfbMs));
            var hold = SampleMedian.Of(okCold.Where(s => s.HoldMs is not null).Select(s => s.HoldMs!.Value));
            var upstream = SampleMedian.Of(okCold.Where(s => s.UpstreamMs is not null).Select(s => s.UpstreamMs!.Value));
            var rest = SampleMedian.Of(okCold.Where(s => s.HoldMs is not null && s.UpstreamMs is not null).Select(s => s.TtfbMs - s.HoldMs!.Value - s.UpstreamMs!.Value));
            values[$"cold_warm_ratio_{key}"] = warmP50 > 0 ? Math.Round(coldP50 / warmP50, 2) : double.NaN;
            values[$"replica_start_p50_ms_{key}"] = hold;
            if (f.DeployReadyMs.Count > 0)
            {
                values[$"deploy_ready_p50_ms_{key}"] = Math.Round(SampleMedian.Of(f.DeployReadyMs), 1);
            }

            rows.Add([f.Name, f.Method ?? "–", f.Mode, f.Runtime, $"{okCold.Count}/{f.Cold.Count}", F(coldP50), F(hold), F(upstream), F(rest), F(SampleMedian.Of(okCold.Select(s => s.TtlbMs))), F(warmP50), F(values[$"cold_warm_ratio_{key}"])]);
        }

        metrics["cold_start_ttfb"] = MetricHistogram.Summarize(allCold);
        metrics["cold_start_ttlb"] = MetricHistogram.Summarize(allTtlb);
        metrics["warm_ttfb"] = MetricHistogram.Summarize(allWarm);
        var failed = all.SelectMany(f => f.Cold.Concat(f.Warm).Where(s => !s.Ok)).ToList();
        // A function that never got measured (not deployed, no way to make it cold) counts once, so error_rate cannot read 0 over nothing.
        var unmeasured = all.Count(f => f.Problem is not null && f.Cold.Count == 0);
        var calls = all.Sum(f => f.Cold.Count + f.Warm.Count) + unmeasured;
        var errors = failed.Count + unmeasured;
        counters["requests"] = calls;
        counters["errors"] = errors;
        counters["cold_errors"] = all.Sum(f => f.Cold.Count(s => !s.Ok)) + unmeasured;
        counters["status_reads"] = statusReads;
        foreach (var group in failed.Where(s => s.Status > 0).GroupBy(s => s.Status))
        {
            counters[$"status_{group.Key}"] = group.LongCount();
        }

        values["error_rate"] = calls == 0 ? 0 : (double)errors / calls;
        var notes = all.Where(f => f.Problem is not null).Select(f => f.Problem!)
            .Concat(all.SelectMany(f => f.Cold.Concat(f.Warm).Where(s => !s.Ok).Select(s => $"{f.Name}: {s.Error}")))
            .Distinct().Take(8).ToList();
        var methods = all.Where(f => f.Method is not null).GroupBy(f => f.Method!).ToList();
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (methods.Count > 0)
        {
            properties["cold_start_method"] = string.Join("; ", methods.Select(g => methods.Count == 1 ? g.Key : $"{g.Key} ({string.Join(", ", g.Select(f => f.Name))})"));
            properties["cold_start_method_meaning"] = string.Join(" ", methods.Select(g => ColdStartMethods.Describe(g.Key, scaler) + "."));
        }

        if (gatewayRefusal is not null)
        {
            properties["gateway_scale_to_zero"] = gatewayRefusal;
        }

        var standby = all.Where(f => f.Standby.Any(s => s is not null)).ToList();
        if (standby.Count > 0)
        {
            // Not OpenFaaS's behaviour (a function at zero has no pod there): say what the figures measured.
            properties["cold_start_standby"] = string.Join("; ", standby.Select(f => $"{f.Name}: {f.Standby.Count(s => s == true)} of {f.Standby.Count} cold calls took a prepared standby replica"));
            notes.Insert(0, "The platform keeps a standby replica for a function scaled to zero (sandbox, watchdog and server prepared, the handler not yet imported; docs/platform/cold-start.md): each cold call waited, at most 10 s, until it was prepared, as it is after a function's idle time, so cold_start_ttfb is a scale from zero from a standby (see cold_start_standby).");
        }

        if (methods.Any(g => g.Key == ColdStartMethods.FirstCallAfterDeploy))
        {
            notes.Insert(0, "Measured as first call after deploy, not a scale from zero: the target allows no scale to zero (see gateway_scale_to_zero), so cold_start_ttfb is the first request a fresh replica served; its start is in deploy_ready_p50_ms_*.");
        }

        var options = scenario.ColdStart ?? new ColdStartOptions();
        return new ScenarioResult
        {
            Name = scenario.Name,
            Kind = ScenarioKinds.ColdStart,
            Status = ScenarioStatus.Passed,
            Description = scenario.Description,
            ScenarioHash = scenario.Hash,
            StartedAt = started,
            Duration = elapsed,
            LoadModel = $"{options.Repetitions} cold + {options.Warm} warm calls per function, new connection each; cold by {(methods.Count == 0 ? "no method (nothing measured)" : string.Join(" / ", methods.Select(g => g.Key)))}",
            Metrics = metrics,
            Values = values,
            Counters = counters,
            Samples = samples,
            Properties = properties,
            Tables =
            [
                new ResultTable
                {
                    Title = "Cold start by function (medians, ms): gateway hold = waiting for a ready replica; first response = replica's answer to the first call",
                    Columns = ["function", "method", "mode", "runtime", "ok", "TTFB", "gateway hold", "first response", "rest", "TTLB", "warm TTFB", "cold/warm"],
                    Rows = rows,
                    Source = "client timings; hold and first response from Harness's X-Harness-Hold-Ms and X-Harness-Upstream-Ms response headers (– where the gateway sends none, as OpenFaaS does not)",
                },
            ],
            Notes = notes,
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
}
