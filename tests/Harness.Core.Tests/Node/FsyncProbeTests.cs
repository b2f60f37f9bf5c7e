using Harness.Node;
using Harness.Node.Access;
using Harness.Node.Fsync;
using HdrHistogram;
using HdrHistogram.Utilities;
using Xunit.Abstractions;

namespace Harness.Core.Tests.Node;

// fsync timings are compared within a test: keep the disk-heavy node tests from running at the same time.
[Collection(NodeDiskCollection.Name)]
public sealed class FsyncProbeTests
{
    private static readonly FsyncProbeOptions OneMiB = new() { TotalBytes = 1024 * 1024 };
    private readonly ITestOutputHelper _output;

    public FsyncProbeTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Probe_writes_one_block_per_fdatasync_and_removes_its_file()
    {
        var dir = Directory.CreateTempSubdirectory("fsync-test-").FullName;
        try
        {
            var result = LocalFsyncProbe.Run(dir, OneMiB, CancellationToken.None);
            Assert.Equal(OneMiB.Writes, result.Writes);
            Assert.Equal(result.Writes, result.LatenciesMs.Count);
            Assert.All(result.LatenciesMs, v => Assert.True(v > 0));
            Assert.Empty(Directory.GetFiles(dir));
            Assert.True(result.Iops > 0);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Probe_and_fio_agree_within_an_order_of_magnitude()
    {
        if (NodeTestTools.Which("fio") is null)
        {
            _output.WriteLine("skipped: fio is not installed");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("fsync-fio-").FullName;
        try
        {
            // Neighbours' I/O comes in bursts that can slow one tool's whole run by 10x: bracket fio with two probe runs,
            // compare with the closer one, and allow up to three such rounds. A probe that is systematically wrong (no
            // real fdatasync, wrong unit) misses in every round and still fails.
            var seen = new List<string>();
            for (var round = 1; round <= 3; round++)
            {
                var before = LocalFsyncProbe.Run(dir, OneMiB, CancellationToken.None);
                var fio = await RemoteFsyncProbe.RunAsync(new LocalNodeAccess(), dir, OneMiB, fioAvailable: true, CancellationToken.None);
                var after = LocalFsyncProbe.Run(dir, OneMiB, CancellationToken.None);
                Assert.Equal(before.Writes, fio.Writes);
                var ratios = new[] { before, after }.Select(p => LatencySummary.Percentile(p.LatenciesMs.Order().ToList(), 50) / fio.P50Ms!.Value).ToList();
                seen.Add($"round {round}: fio p50 {fio.P50Ms:0.000} ms, probe/fio p50 ratios {ratios[0]:0.00} and {ratios[1]:0.00}");
                _output.WriteLine(seen[^1]);
                if (ratios.MinBy(r => Math.Abs(Math.Log(r))) is > 0.1 and < 10)
                {
                    return;
                }
            }

            Assert.Fail("probe and fio p50 never within an order of magnitude: " + string.Join("; ", seen));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Fio_json_fixture_gives_fdatasync_percentiles_in_ms()
    {
        var result = FioJob.Parse("note: both iodepth >= 1 and synchronous I/O engine are selected\n" + NodeTestTools.Fixture("fio-etcd.json"), "/data", OneMiB);
        Assert.Equal("fio-3.33", result.Method);
        Assert.Equal(455, result.Writes);
        Assert.Equal(0.166912, result.P50Ms!.Value, 6);
        Assert.Equal(0.280576, result.P99Ms!.Value, 6);
        Assert.Equal(1.574284, result.MaxMs!.Value, 6);
        Assert.Equal(455 / 0.080, result.Iops, 1);
    }

    [Fact]
    public void Dd_summary_gives_mean_write_time()
    {
        var result = RemoteFsyncProbe.ParseDd("455+0 records in\n455+0 records out\n1046500 bytes (1.0 MB, 1022 KiB) copied, 0.455 s, 2.3 MB/s\n", "/d", OneMiB);
        Assert.Equal(455, result.Writes);
        Assert.Equal(1.0, result.MeanMs!.Value, 6);
        Assert.Null(result.P99Ms);
    }

    [Fact]
    public void Summary_percentiles_are_exact_and_the_histogram_round_trips()
    {
        var values = Enumerable.Range(1, 1000).Select(i => i / 100.0).ToList();
        var summary = LatencySummary.FromMilliseconds(values);
        Assert.Equal(5.0, summary.P50);
        Assert.Equal(9.9, summary.P99);
        Assert.Equal(10.0, summary.Max);
        var decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(summary.Histogram!)), 0);
        Assert.Equal(1000, decoded.TotalCount);
        Assert.InRange(decoded.GetValueAtPercentile(99) / 1000.0, 9.8, 10.0);
    }

    [Fact]
    public void Result_fails_the_10ms_line_and_says_why()
    {
        var slow = new FsyncProbeResult
        {
            Method = LocalFsyncProbe.MethodName,
            Directory = "/var/lib/rancher/k3s/server/db",
            Writes = 100,
            BlockSize = 2300,
            Elapsed = TimeSpan.FromSeconds(2),
            LatenciesMs = Enumerable.Range(0, 100).Select(i => i < 95 ? 2.0 : 30.0).ToList(),
            OffsetsSeconds = Enumerable.Range(0, 100).Select(i => i * 0.02).ToList(),
        };
        var m = new EtcdFsyncMeasurements { NodeDescription = "local", Directory = slow.Directory, Probe = slow, Datastore = DatastoreKind.K3sSqliteKine, FileSystem = "ext4" };
        var result = EtcdFsyncResultBuilder.Build("etcd-fsync", m, new EtcdFsyncOptions(), DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(2));
        Assert.Equal(Harness.Results.ScenarioStatus.Failed, result.Status);
        Assert.False(Assert.Single(result.Thresholds).Passed);
        Assert.Equal(30.0, result.Values["fdatasync_p99_ms"]);
        Assert.Equal(10.0, result.Values["fdatasync_limit_ms"]);
        Assert.Contains(result.Notes, n => n.Contains("kine", StringComparison.Ordinal));
        Assert.NotEmpty(Assert.Single(result.Series).Points);
    }
}
