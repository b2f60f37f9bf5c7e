using Harness.Core.Tests.History;
using Harness.History;
using Harness.Runs;

namespace Harness.Core.Tests.Runs;

public sealed class RunIdsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("harness-runids-").FullName;
    private readonly DateTimeOffset second = new(2026, 11, 28, 3, 25, 0, TimeSpan.Zero);

    [Fact]
    public void Ids_carry_milliseconds_and_a_suffix_and_sort_by_start_time()
    {
        Assert.Equal("20261128T032500.000Z-00002a", RunIds.New(second, 42));
        Assert.Equal("20261128T032500.007Z-00002a", RunIds.New(second.AddMilliseconds(7).ToOffset(TimeSpan.FromHours(2)), 42));
        Assert.NotEqual(RunIds.New(second), RunIds.New(second));
        var inStartOrder = new[] { 0, 1, 5, 999 }.Select(ms => RunIds.New(second.AddMilliseconds(ms))).ToList();
        Assert.Equal(inStartOrder, inStartOrder.AsEnumerable().Reverse().Order(StringComparer.Ordinal));
        Assert.True(string.CompareOrdinal(RunIds.New(second.AddSeconds(1), 0), RunIds.New(second.AddMilliseconds(999), 0xFFFFFF)) > 0);
    }

    [Fact]
    public void Two_runs_in_the_same_second_are_both_recorded_and_old_ids_still_compare()
    {
        var db = Path.Combine(directory, "history.db");
        const string oldId = "20261128T032459Z";
        var a = RunIds.New(second.AddMilliseconds(10));
        var b = RunIds.New(second.AddMilliseconds(20));
        using var store = HistoryStore.Open(db);
        store.Record(SyntheticRuns.Run(oldId, second.AddSeconds(-1), ("api", SyntheticRuns.Latency(20, 0.2, 500, 1))));
        store.Record(SyntheticRuns.Run(a, second.AddMilliseconds(10), ("api", SyntheticRuns.Latency(20, 0.2, 500, 2))));
        store.Record(SyntheticRuns.Run(b, second.AddMilliseconds(20), ("api", SyntheticRuns.Latency(20, 0.2, 500, 3))));

        Assert.Equal([b, a, oldId], store.ListRuns().Select(r => r.RunId));
        var latest = ComparisonService.Compare(store, new ComparisonRequest());
        Assert.Equal((a, b), (latest.Result!.Baseline.RunId, latest.Result.Candidate.RunId));
        var withOld = ComparisonService.Compare(store, new ComparisonRequest { BaselineRun = oldId, CandidateRun = a });
        Assert.Null(withOld.Error);
        Assert.Equal(oldId, withOld.Result!.Baseline.RunId);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
