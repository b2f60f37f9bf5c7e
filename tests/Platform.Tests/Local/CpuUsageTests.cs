using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Harness.Platform.Contracts;
using Harness.Platform.Local;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Platform.Tests.Local;

/// <summary><c>usage.cpu</c> in millicores: the meter's arithmetic, and real replicas burning CPU (cpuacct cgroup when root, /proc otherwise).</summary>
public sealed class CpuUsageTests
{
    private const string Ns = PlatformDefaults.FunctionNamespace;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_meter_reports_cpu_time_over_wall_time_in_millicores_summed_over_replicas_and_forgets_gone_ones()
    {
        var time = new FakeTimeProvider();
        var meter = new CpuMeter(time);
        long a = 0, b = 5_000_000_000;
        var started = time.GetUtcNow() - TimeSpan.FromHours(1);
        IReadOnlyList<(string, DateTimeOffset, Func<long?>)> both = [("a", started, () => a), ("b", started, () => b)];

        Assert.Equal(0, await meter.MeasureAsync(both, wait: false, None)); // no window yet
        time.Advance(TimeSpan.FromMilliseconds(500));
        a += 250_000_000; // half a core
        b += 500_000_000; // one core
        Assert.Equal(1500, await meter.MeasureAsync(both, wait: false, None), precision: 6);

        time.Advance(TimeSpan.FromMilliseconds(100)); // inside the window: the last rate stands
        a += 100_000_000;
        Assert.Equal(1500, await meter.MeasureAsync(both, wait: false, None), precision: 6);

        time.Advance(TimeSpan.FromMilliseconds(400)); // 500 ms since the baseline, 100 ms of CPU for a, none for b
        Assert.Equal(200, await meter.MeasureAsync(both, wait: false, None), precision: 6);
        Assert.Equal(200, await meter.MeasureAsync([("a", started, () => a)], wait: false, None), precision: 6);

        time.Advance(CpuMeter.MaxAge + TimeSpan.FromSeconds(1)); // stale baseline: no rate until a new window
        Assert.Equal(0, await meter.MeasureAsync([("a", started, () => a)], wait: false, None));
    }

    [Fact]
    public async Task A_measure_that_may_wait_waits_one_window_for_an_old_replica_but_never_for_one_that_just_started()
    {
        var time = new FakeTimeProvider();
        var meter = new CpuMeter(time);
        long cpu = 0;

        // Just started (a fresh deployment whose status is being polled for readiness): no rate yet, and no wait.
        var young = meter.MeasureAsync([("young", time.GetUtcNow(), () => cpu)], wait: true, None);
        Assert.True(young.IsCompleted);
        Assert.Equal(0, await young);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(meter.MeasureAsync([("young", time.GetUtcNow() - TimeSpan.FromMilliseconds(100), () => cpu)], wait: true, None).IsCompleted);

        // Running for a while with no fresh baseline: the reading waits for one window, then reports it.
        var old = meter.MeasureAsync([("old", time.GetUtcNow() - CpuMeter.MaxAge, () => cpu)], wait: true, None);
        Assert.False(old.IsCompleted);
        cpu += 125_000_000; // half a core over the 250 ms window
        time.Advance(CpuMeter.Window);
        Assert.Equal(500, await old, precision: 6);
    }

    private static MemoryStream BurnArtifact()
    {
        const string Burn = "import time\nend = time.time() + 3\nwhile time.time() < end:\n    pass\nprint('burnt')\n";
        var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "burn.py") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Burn)) });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, ArtifactManifest.FileName)
            {
                DataStream = new MemoryStream("""{"fprocess":"/usr/bin/python3 burn.py","mode":"serializing","exec_timeout":"20s"}"""u8.ToArray()),
            });
        }

        ms.Position = 0;
        return ms;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_replica_burning_cpu_shows_in_usage_cpu_and_an_idle_one_does_not(bool cgroups)
    {
        if (!File.Exists("/usr/bin/python3"))
        {
            return;
        }

        await using var f = new ProviderFixture(configure: o => o with { UseCgroups = cgroups });
        Assert.True((await f.Provider.PutAsync("me/burn:1", BurnArtifact(), None)).IsOk);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "burn", Image = "me/burn:1" }, None)).IsOk);
        var replica = (await f.WaitReadyAsync("burn", 1))[0];
        f.Remember([replica]);

        if (cgroups && f.Provider.EnforcesLimits && File.Exists("/sys/fs/cgroup/cpuacct/cpuacct.usage"))
        {
            // The replica joined its own cpuacct group, which is what the meter reads.
            var group = Directory.EnumerateDirectories("/sys/fs/cgroup/cpuacct", replica.InstanceId, SearchOption.AllDirectories).Single();
            Assert.Contains(File.ReadAllLines(Path.Combine(group, "cgroup.procs")), line => line.Length > 0);
        }

        var idle = (await f.Provider.MeasureUsageAsync("burn", Ns, None))!.Cpu;
        var call = ProviderFixture.CallAsync(replica);
        var busy = 0.0;
        await Poll.UntilAsync(async () =>
        {
            busy = (await f.Provider.MeasureUsageAsync("burn", Ns, None))!.Cpu;
            // Shared machines give a burning process anything from a tenth of a core to two: judge it against idle, not a fixed figure.
            return busy > Math.Max(50, idle * 3) || call.IsCompleted;
        }, ProviderFixture.Deadline, "the burning call to show in usage.cpu");
        var result = await call;

        Assert.Equal((200, "burnt\n"), result);
        Assert.True(busy > 50, $"busy {busy} millicores");
        Assert.True(busy < 2500, $"busy {busy} millicores on a 2-core machine");
        Assert.True(idle < busy / 3, $"idle {idle} vs busy {busy} millicores");
        var listed = Assert.Single(await f.Provider.ListAsync(Ns, None));
        Assert.NotNull(listed.Usage);
    }
}
