using System.Globalization;
using Harness.Results;

namespace Harness.Scenarios;

/// <summary>Steady load on a function through the gateway, then the same load straight at its watchdog, so the gateway's cost is a ratio from one run.</summary>
internal sealed class ThroughputRunner : IScenarioRunner
{
    public string Kind => ScenarioKinds.Throughput;

    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var viaGateway = ScenarioUrls.Resolve(scenario, context.Target);
        context.Status?.Report("through the gateway");
        var gateway = await HttpScenarioRunner.RunLoadAsync(scenario, viaGateway, scenario.Connections, context, scenario.Name, Kind, cancellationToken).ConfigureAwait(false);
        var notes = new List<string>(gateway.Notes);
        if (!scenario.Baseline || scenario.Function is null || cancellationToken.IsCancellationRequested)
        {
            return gateway;
        }

        var endpoints = await context.Target.DirectEndpointsAsync(scenario.Function, cancellationToken).ConfigureAwait(false);
        if (endpoints.Count == 0)
        {
            const string Why = "no direct-to-watchdog baseline: this target does not expose its replicas to the harness (only the embedded platform does), so the gateway's cost is not separated from the function's";
            notes.Add("No " + Why[3..] + ".");
            var missing = new Dictionary<string, string>(gateway.Missing) { ["gateway_overhead_ratio"] = Why };
            return gateway with { Notes = notes, Missing = missing };
        }

        context.Status?.Report("direct to the watchdog (baseline)");
        var direct = await HttpScenarioRunner.RunLoadAsync(
            scenario, ScenarioUrls.Under(endpoints[0], scenario.FunctionPath), scenario.Connections, context, scenario.Name + " (direct)", Kind, cancellationToken).ConfigureAwait(false);
        return Combine(gateway, direct, notes);
    }

    private static ScenarioResult Combine(ScenarioResult gateway, ScenarioResult direct, List<string> notes)
    {
        var g = gateway.Metrics["http_req_duration"];
        var d = direct.Metrics["http_req_duration"];
        var metrics = new SortedDictionary<string, MetricSummary>(gateway.Metrics.ToDictionary(), StringComparer.Ordinal)
        {
            ["direct_http_req_duration"] = d,
        };
        var values = new SortedDictionary<string, double>(gateway.Values.ToDictionary(), StringComparer.Ordinal)
        {
            ["direct_rps"] = direct.Values.GetValueOrDefault("rps"),
            ["direct_error_rate"] = direct.Values.GetValueOrDefault("error_rate"),
            ["gateway_overhead_ratio"] = Ratio(g.P50, d.P50),
            ["gateway_overhead_ratio_p99"] = Ratio(g.P99, d.P99),
            ["gateway_overhead_p50_ms"] = g.P50 - d.P50,
        };
        var counters = new SortedDictionary<string, long>(gateway.Counters.ToDictionary(), StringComparer.Ordinal)
        {
            ["direct_requests"] = direct.Counters.GetValueOrDefault("requests"),
            ["direct_errors"] = direct.Counters.GetValueOrDefault("errors"),
        };
        static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var table = new ResultTable
        {
            Title = "Gateway overhead (same load, same run)",
            Columns = ["path", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors"],
            Rows =
            [
                ["via gateway", gateway.Counters["requests"].ToString(CultureInfo.InvariantCulture), F(gateway.Values["rps"]), F(g.P50), F(g.P90), F(g.P99), gateway.Counters["errors"].ToString(CultureInfo.InvariantCulture)],
                ["direct to watchdog", direct.Counters["requests"].ToString(CultureInfo.InvariantCulture), F(direct.Values["rps"]), F(d.P50), F(d.P90), F(d.P99), direct.Counters["errors"].ToString(CultureInfo.InvariantCulture)],
                ["ratio gateway/direct", "", "", F(Ratio(g.P50, d.P50)), F(Ratio(g.P90, d.P90)), F(Ratio(g.P99, d.P99)), ""],
            ],
        };
        notes.AddRange(direct.Notes.Select(n => "direct: " + n));
        return gateway with
        {
            Metrics = metrics,
            Values = values,
            Counters = counters,
            Series = [.. gateway.Series, .. direct.Series.Select(s => s with { Name = "direct_" + s.Name })],
            Tables = [.. gateway.Tables, table],
            Notes = notes,
            Duration = gateway.Duration + direct.Duration,
        };
    }

    private static double Ratio(double a, double b) => b > 0 ? Math.Round(a / b, 3) : double.NaN;
}
