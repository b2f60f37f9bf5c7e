using Harness.History;

namespace Harness.Core.Tests.History;

public sealed class HistoryStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("harness-history-").FullName;
    private readonly DateTimeOffset t0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private string Db => Path.Combine(directory, "sub", "history.db");

    [Fact]
    public void A_recorded_run_reads_back_with_metadata_percentiles_and_histograms()
    {
        var metric = SyntheticRuns.Latency(10, 0.2, 500, 1);
        var run = SyntheticRuns.Run("r1", t0, ("api", metric), ("api", SyntheticRuns.Latency(3, 0.1, 100, 2)), ("db", metric));
        using (var store = HistoryStore.Open(Db))
        {
            store.Record(run);
        }

        using var reopened = HistoryStore.OpenExisting(Db);
        var back = reopened.Load("r1")!;
        Assert.Equal(t0, back.StartedAt);
        Assert.Equal("smoke", back.Profile);
        Assert.Equal("abc123", back.GitCommit);
        Assert.Equal("local", back.TargetName);
        Assert.Equal(["api", "db"], back.Scenarios.Select(s => s.Name));
        Assert.Equal("hash-api", back.Scenarios[0].Hash);
        Assert.Equal(3, back.Metrics.Count);
        var m = back.Metrics.Single(x => x.Scenario == "api" && x.Metric == "http_req_duration").Summary;
        Assert.Equal(metric, m);
        Assert.Equal(metric.Count, Harness.Results.MetricHistogram.Decode(m.Histogram!).TotalCount);
    }

    [Fact]
    public void Runs_list_newest_first_and_filter_by_scenario()
    {
        using var store = HistoryStore.Open(Db);
        store.Record(SyntheticRuns.Run("r1", t0, ("api", SyntheticRuns.Latency(10, 0.2, 50, 1))));
        store.Record(SyntheticRuns.Run("r2", t0.AddDays(1), ("db", SyntheticRuns.Latency(10, 0.2, 50, 1))));
        store.Record(SyntheticRuns.Run("r3", t0.AddDays(2), ("api", SyntheticRuns.Latency(10, 0.2, 50, 1))));
        Assert.Equal(["r3", "r2", "r1"], store.ListRuns().Select(r => r.RunId));
        Assert.Equal(["r3", "r1"], store.ListRuns("api").Select(r => r.RunId));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => store.Record(SyntheticRuns.Run("r1", t0, ("api", SyntheticRuns.Latency(1, 0.1, 5, 1)))));
        Assert.Equal(3, store.Counts().Runs);
    }

    [Fact]
    public void A_crash_in_the_middle_of_a_write_leaves_no_trace_of_the_run()
    {
        using (var store = HistoryStore.Open(Db))
        {
            store.Record(SyntheticRuns.Run("ok", t0, ("api", SyntheticRuns.Latency(10, 0.2, 50, 1))));
        }

        var inserts = 0;
        var crashing = HistoryStore.Open(Db, table =>
        {
            // The run row, a scenario and a metric are in; then the process "dies".
            if (++inserts == 3)
            {
                throw new InvalidOperationException("simulated crash");
            }
        });
        var run = SyntheticRuns.Run("torn", t0.AddDays(1), ("api", SyntheticRuns.Latency(10, 0.2, 50, 1)), ("api", SyntheticRuns.Latency(5, 0.2, 50, 3)), ("db", SyntheticRuns.Latency(10, 0.2, 50, 1)));
        Assert.Throws<InvalidOperationException>(() => crashing.Record(run));
        crashing.Dispose();

        using var reopened = HistoryStore.OpenExisting(Db);
        Assert.Null(reopened.Load("torn"));
        Assert.Equal((1L, 1L, 1L), reopened.Counts());
        Assert.Equal(["ok"], reopened.ListRuns().Select(r => r.RunId));
        // The database still takes the same run afterwards.
        reopened.Record(run);
        Assert.Equal(3, reopened.Load("torn")!.Metrics.Count);
    }

    [Fact]
    public void A_baseline_pins_a_run_and_unknown_runs_are_refused()
    {
        using var store = HistoryStore.Open(Db);
        store.Record(SyntheticRuns.Run("r1", t0, ("api", SyntheticRuns.Latency(10, 0.2, 50, 1))));
        store.SetBaseline("release", "r1", t0);
        Assert.Equal("r1", store.GetBaseline("release"));
        Assert.Null(store.GetBaseline("other"));
        Assert.Throws<KeyNotFoundException>(() => store.SetBaseline("x", "nope", t0));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
