using Harness.Node.Access;
using Harness.Node.Conntrack;
using Harness.Results;
using Xunit.Abstractions;

namespace Harness.Core.Tests.Node;

public sealed class ConntrackLabTests
{
    private readonly ITestOutputHelper _output;

    public ConntrackLabTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Lab_builds_samples_its_own_table_and_cleans_up()
    {
        if (SkipReason() is { } reason)
        {
            _output.WriteLine($"skipped: {reason}");
            return;
        }

        var globalMax = File.ReadAllText("/proc/sys/net/netfilter/nf_conntrack_max");
        var options = new ConntrackScenarioOptions
        {
            Lab = true,
            Churn = new ChurnOptions { Connections = 600, Rate = 300, Duration = TimeSpan.FromSeconds(3), SampleInterval = TimeSpan.FromMilliseconds(200) },
        };
        var results = await new ConntrackScenario(TimeProvider.System).RunAsync("conntrack", NodeTarget.Local, new LocalNodeAccess(), options, CancellationToken.None);
        var result = Assert.Single(results);
        Assert.True(result.Status != ScenarioStatus.Error, result.Error);
        _output.WriteLine(string.Join(", ", result.Values.Select(kv => $"{kv.Key}={kv.Value:0.#}")));
        Assert.Equal(600, result.Counters["connections_ok"]);
        Assert.Equal(0, result.Counters["conntrack_drop"]);

        // Every connection leaves an entry (TIME_WAIT, 120 s) in the lab's own table, which started empty.
        var count = result.Series.Single(s => s.Name == "nf_conntrack_count").Points;
        Assert.Equal(0, count[0].Value);
        Assert.InRange(count[^1].Value, 300, 600);
        Assert.InRange(result.Values["growth_observed_vs_predicted_ratio"], 0.5, 1.3);
        Assert.Contains(result.Series, s => s.Name == "predicted_nf_conntrack_count");

        Assert.Empty(Directory.GetFiles("/run/netns", "hct-*"));
        Assert.DoesNotContain("hct", NodeTestTools.Run("ip", "-o", "link"), StringComparison.Ordinal);
        Assert.Equal(globalMax, File.ReadAllText("/proc/sys/net/netfilter/nf_conntrack_max"));
    }

    // 30 ms lands in the lab's set-up (ip/nft calls), 800 ms in the churn: both must end as a cancellation with no lab left.
    [Theory]
    [InlineData(30)]
    [InlineData(800)]
    public async Task Cancelling_mid_load_still_removes_the_lab(int afterMs)
    {
        if (SkipReason() is { } reason)
        {
            _output.WriteLine($"skipped: {reason}");
            return;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(afterMs));
        var options = new ConntrackScenarioOptions { Lab = true, Churn = new ChurnOptions { Connections = 100_000, Rate = 200, Duration = TimeSpan.FromSeconds(30) } };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ConntrackScenario(TimeProvider.System).RunAsync("conntrack", NodeTarget.Local, new LocalNodeAccess(), options, cts.Token));
        Assert.Empty(Directory.GetFiles("/run/netns", "hct-*"));
    }

    [Fact]
    public async Task Reproduce_mode_is_refused_without_the_lab_and_a_remote_node_gets_no_lab()
    {
        var results = await new ConntrackScenario(TimeProvider.System).RunAsync("conntrack", NodeTarget.Local, new LocalNodeAccess(), new ConntrackScenarioOptions { ReproduceTableFull = true }, CancellationToken.None);
        Assert.Contains("--lab", Assert.Single(results).Error, StringComparison.Ordinal);
    }

    private static string? SkipReason()
    {
        if (!NodeTestTools.IsRoot)
        {
            return "the conntrack lab needs root";
        }

        if (NodeTestTools.Which("ip") is null || NodeTestTools.Which("nft") is null)
        {
            return "iproute2 or nftables is not installed";
        }

        return File.Exists("/proc/sys/net/netfilter/nf_conntrack_max") ? null : "nf_conntrack is not loaded";
    }
}
