using Harness.Node.Access;
using Harness.Node.Etcd;
using Harness.Node.Fsync;
using Harness.Results;
using Xunit.Abstractions;

namespace Harness.Core.Tests.Node;

// fsync timings are compared within a test: keep the disk-heavy node tests from running at the same time.
[Collection(NodeDiskCollection.Name)]
public sealed class RealEtcdTests
{
    private readonly ITestOutputHelper _output;

    public RealEtcdTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Real_etcd_buckets_give_a_p99_inside_the_bucket_that_holds_it()
    {
        if (LocalEtcd.FindBinary() is not { } binary)
        {
            _output.WriteLine("skipped: etcd is not installed (Debian etcd-server)");
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var dir = Directory.CreateTempSubdirectory("etcd-test-").FullName;
        int pid;
        try
        {
            await using (var etcd = await LocalEtcd.StartAsync(binary, dir, http, TimeProvider.System, CancellationToken.None))
            {
                pid = etcd.ProcessId;
                var metricsUri = new Uri(etcd.ClientUrl, "/metrics");
                var before = EtcdDiskMetrics.Parse(await http.GetStringAsync(metricsUri));
                var load = await EtcdPutLoad.RunAsync(http, etcd.ClientUrl, 100, 4, 64, TimeSpan.FromSeconds(30), CancellationToken.None);
                Assert.Equal(0, load.Errors);
                Assert.Equal(100, load.LatenciesMs.Count);
                var text = await http.GetStringAsync(metricsUri);
                var after = EtcdDiskMetrics.Parse(text);
                var delta = after.Minus(before);
                Assert.True(delta.WalFsync.Total > 0, "puts must cause WAL fsyncs");
                Assert.Contains(delta.WalFsync.Buckets, b => b.UpperBound == 0.001);
                Assert.Contains(delta.WalFsync.Buckets, b => b.UpperBound == 8.192);

                // The p99 must lie in the bucket where the cumulative count first reaches 99% of the total.
                var p99 = delta.WalFsync.Quantile(0.99);
                var holding = delta.WalFsync.Buckets.First(b => b.Count >= 0.99 * delta.WalFsync.Total);
                var index = delta.WalFsync.Buckets.ToList().IndexOf(holding);
                var lower = index == 0 ? 0 : delta.WalFsync.Buckets[index - 1].UpperBound;
                Assert.InRange(p99, lower, holding.UpperBound);
                _output.WriteLine($"WAL fsyncs {delta.WalFsync.Total}, p99 {p99 * 1000:0.000} ms; commits {delta.BackendCommit.Total}");

                // The keys the load wrote are gone again.
                using var range = await http.PostAsync(new Uri(etcd.ClientUrl, "/v3/kv/range"),
                    new StringContent("""{"key":"L2hhcm5lc3MtcHJvYmUv","range_end":"L2hhcm5lc3MtcHJvYmUw","count_only":true}"""));
                var body = await range.Content.ReadAsStringAsync();
                Assert.DoesNotContain("\"count\"", body, StringComparison.Ordinal);
            }

            Assert.False(ProcessExists(pid), "etcd must be stopped");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Scenario_in_real_etcd_mode_reports_both_histograms_and_stops_etcd()
    {
        if (LocalEtcd.FindBinary() is null)
        {
            _output.WriteLine("skipped: etcd is not installed (Debian etcd-server)");
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var options = new EtcdFsyncOptions { Probe = new FsyncProbeOptions { TotalBytes = 512 * 1024 }, RealEtcd = true, Puts = 100, PutConcurrency = 4, FioCrossCheck = false };
        var result = await new EtcdFsyncScenario(TimeProvider.System, http).RunAsync("etcd-fsync", NodeTarget.Local, new LocalNodeAccess(), options, CancellationToken.None);
        Assert.NotEqual(ScenarioStatus.Error, result.Status);
        Assert.Contains(result.Thresholds, t => t.Metric == EtcdDiskMetrics.WalFsyncName);
        Assert.True(result.Counters["etcd_puts"] == 100);
        Assert.Contains("etcd_wal_fsync_p99_ms", result.Values.Keys);
        Assert.Contains(result.Tables, t => t.Title.StartsWith("etcd disk histograms", StringComparison.Ordinal));
        Assert.DoesNotContain(System.Diagnostics.Process.GetProcessesByName("etcd"), p => p.StartTime > result.StartedAt.LocalDateTime && !p.HasExited && IsOurs(p));
    }

    [Fact]
    public async Task A_stop_while_etcd_is_measured_keeps_the_probe_that_finished()
    {
        if (LocalEtcd.FindBinary() is null)
        {
            _output.WriteLine("skipped: etcd is not installed (Debian etcd-server)");
            return;
        }

        // Stopped at etcd's first metrics read: the disk probe has finished by then, etcd's puts have not started.
        using var stop = new CancellationTokenSource();
        using var http = new HttpClient(new StopOnFirstMetrics(stop)) { Timeout = TimeSpan.FromSeconds(10) };
        var options = new EtcdFsyncOptions { Probe = new FsyncProbeOptions { TotalBytes = 512 * 1024 }, RealEtcd = true, Puts = 100, PutConcurrency = 4, FioCrossCheck = false };
        var result = await new EtcdFsyncScenario(TimeProvider.System, http).RunAsync("etcd-fsync", NodeTarget.Local, new LocalNodeAccess(), options, stop.Token);

        Assert.True(stop.IsCancellationRequested);
        Assert.NotEqual(ScenarioStatus.Error, result.Status);
        Assert.NotEmpty(result.Values);
        Assert.DoesNotContain("etcd_wal_fsync_p99_ms", result.Values.Keys);
        Assert.Contains(result.Notes, n => n.Contains("stopped before this was measured", StringComparison.Ordinal));
        Assert.DoesNotContain(System.Diagnostics.Process.GetProcessesByName("etcd"), p => p.StartTime > result.StartedAt.LocalDateTime && !p.HasExited && IsOurs(p));
    }

    private static bool IsOurs(System.Diagnostics.Process p)
    {
        try
        {
            return File.ReadAllText($"/proc/{p.Id}/cmdline").Contains("harness-etcd-", StringComparison.Ordinal)
                && File.ReadAllText($"/proc/{p.Id}/status").Contains($"PPid:\t{Environment.ProcessId}", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat.Contains(") Z", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private sealed class StopOnFirstMetrics(CancellationTokenSource stop) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath == "/metrics")
            {
                stop.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
