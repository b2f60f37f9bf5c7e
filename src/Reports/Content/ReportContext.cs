using Harness.Reports.Dataset;
using Harness.Reports.Model;
using Harness.Results;

namespace Harness.Reports.Content;

/// <summary>What every section builder reads: the run, the options, the reference dataset and anchor names.</summary>
internal sealed class ReportContext(RunSummary run, ReportOptions options, ReferenceDataset dataset)
{
    public RunSummary Run => run;
    public ReportOptions Options => options;
    public ReferenceDataset Dataset => dataset;
    public Anchors Anchors { get; } = new();
    /// <summary>Dataset entries the report drew figures from, listed in the appendix.</summary>
    public HashSet<string> UsedEntries { get; } = new(StringComparer.Ordinal);

    public ReferenceEntry? Entry(string id)
    {
        var entry = dataset[id];
        if (entry is not null)
        {
            UsedEntries.Add(id);
        }

        return entry;
    }

    /// <summary>The run's main request-latency figure: the first scenario with <c>http_req_duration</c> and data.</summary>
    public (ScenarioResult Scenario, MetricSummary Metric)? MainLatency()
    {
        foreach (var s in run.Scenarios)
        {
            if (s.Metrics.TryGetValue("http_req_duration", out var m) && m.Count > 0)
            {
                return (s, m);
            }
        }

        return null;
    }

    /// <summary>Cold-start measurements: sample sets or metrics whose name says "cold", with the scenario they belong to.</summary>
    public IReadOnlyList<(ScenarioResult Scenario, string Name, IReadOnlyList<double> Values)> ColdStarts()
    {
        var result = new List<(ScenarioResult, string, IReadOnlyList<double>)>();
        foreach (var s in run.Scenarios)
        {
            foreach (var set in s.Samples.Where(x => IsCold(x.Name) && x.Values.Count > 0))
            {
                result.Add((s, set.Name, set.Values));
            }
        }

        return result;
    }

    /// <summary>Cold-start metric summaries (metrics named like "cold_start…"), used when no raw samples exist.</summary>
    public IReadOnlyList<(ScenarioResult Scenario, string Name, MetricSummary Metric)> ColdStartMetrics()
        => run.Scenarios.SelectMany(s => s.Metrics.Where(m => IsCold(m.Key) && m.Value.Count > 0).Select(m => (s, m.Key, m.Value))).ToList();

    public static bool IsCold(string name) => name.Contains("cold", StringComparison.OrdinalIgnoreCase);

    public static bool IsWarm(string name) => name.Contains("warm", StringComparison.OrdinalIgnoreCase) && !name.Contains("warm-up", StringComparison.OrdinalIgnoreCase) && !name.Contains("warmup", StringComparison.OrdinalIgnoreCase);
}
