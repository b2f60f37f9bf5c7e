using Harness.Node.Access;
using Harness.Node.Fsync;
using Xunit.Abstractions;

namespace Harness.Core.Tests.Node;

// fsync timings are compared within a test: keep the disk-heavy node tests from running at the same time.
[Collection(NodeDiskCollection.Name)]
public sealed class SshNodeAccessTests : IClassFixture<SshdFixture>
{
    private static readonly string[] FactFiles =
    [
        "/proc/sys/kernel/pid_max",
        "/proc/sys/net/ipv4/ip_local_port_range",
        "/proc/sys/net/core/somaxconn",
        "/proc/sys/vm/swappiness",
        "/proc/swaps",
    ];

    private readonly SshdFixture _sshd;
    private readonly ITestOutputHelper _output;

    public SshNodeAccessTests(SshdFixture sshd, ITestOutputHelper output)
    {
        _sshd = sshd;
        _output = output;
    }

    [Fact]
    public async Task Probes_over_ssh_give_the_same_facts_as_local()
    {
        if (Skip())
        {
            return;
        }

        await using var ssh = new SshNodeAccess(_sshd.Target());
        var local = new LocalNodeAccess();
        foreach (var file in FactFiles)
        {
            Assert.Equal(await local.ReadFileAsync(file, CancellationToken.None), await ssh.ReadFileAsync(file, CancellationToken.None));
        }

        var remote = await ssh.RunAsync("uname -r; nproc", TimeSpan.FromSeconds(10), CancellationToken.None);
        var here = await local.RunAsync("uname -r; nproc", TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.True(remote.Succeeded);
        Assert.Equal(here.StdOut, remote.StdOut);
        Assert.Null(await ssh.ReadFileAsync("/nonexistent/file", CancellationToken.None));
        Assert.Equal(3, (await ssh.RunAsync("exit 3", TimeSpan.FromSeconds(10), CancellationToken.None)).ExitCode);
    }

    [Fact]
    public async Task The_audit_collects_the_same_facts_over_ssh_as_locally()
    {
        if (Skip())
        {
            return;
        }

        await using var ssh = new SshNodeAccess(_sshd.Target());
        var remote = await Harness.Node.Audit.NodeFactsCollector.CollectAsync(ssh, NodeTarget.Local, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
        var local = await Harness.Node.Audit.NodeFactsCollector.CollectAsync(new LocalNodeAccess(), NodeTarget.Local, TimeSpan.Zero, TimeProvider.System, CancellationToken.None);
        foreach (var name in Harness.Node.Audit.NodeFactsCollector.SysctlNames.Where(n => n != "net.netfilter.nf_conntrack_count"))
        {
            Assert.Equal(local.Sysctl(name), remote.Sysctl(name));
        }

        Assert.Equal(local.Swap!.Enabled, remote.Swap!.Enabled);
        Assert.Equal(local.DatastoreMount, remote.DatastoreMount);
        var verdicts = (IReadOnlyList<Harness.Node.Audit.AuditRow> rows) => rows.Select(r => (r.Id, r.Passed)).ToList();
        Assert.Equal(verdicts(Harness.Node.Audit.NodeAudit.Evaluate(local)), verdicts(Harness.Node.Audit.NodeAudit.Evaluate(remote)));
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused_with_its_fingerprint()
    {
        if (Skip())
        {
            return;
        }

        var other = Path.Combine(_sshd.Dir, "other_known_hosts");
        File.WriteAllText(other, $"[127.0.0.1]:{_sshd.Port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmWtDW4n3CK6SbqMGGOu6Ki9C7dfgpT7hpw1NSj5zvA\n");
        await using var ssh = new SshNodeAccess(_sshd.Target(other));
        var ex = await Assert.ThrowsAsync<NodeAccessException>(() => ssh.RunAsync("true", TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Contains("SHA256:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(other, ex.Message, StringComparison.Ordinal);

        await using var insecure = new SshNodeAccess(_sshd.Target(other) with { InsecureIgnoreHostKey = true });
        Assert.True((await insecure.RunAsync("true", TimeSpan.FromSeconds(10), CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task A_slow_command_is_cut_at_its_timeout()
    {
        if (Skip())
        {
            return;
        }

        await using var ssh = new SshNodeAccess(_sshd.Target());
        var started = DateTime.UtcNow;
        var result = await ssh.RunAsync("sleep 20", TimeSpan.FromMilliseconds(500), CancellationToken.None);
        Assert.True(result.TimedOut);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Remote_fsync_probe_runs_fio_on_the_node()
    {
        if (Skip())
        {
            return;
        }

        if (NodeTestTools.Which("fio") is null)
        {
            _output.WriteLine("skipped: fio is not installed");
            return;
        }

        var dir = Directory.CreateTempSubdirectory("ssh-fsync-").FullName;
        try
        {
            await using var ssh = new SshNodeAccess(_sshd.Target());
            var options = new FsyncProbeOptions { TotalBytes = 512 * 1024 };
            var fio = await RemoteFsyncProbe.RunAsync(ssh, dir, options, fioAvailable: true, CancellationToken.None);
            Assert.StartsWith("fio", fio.Method, StringComparison.Ordinal);
            Assert.Equal(options.Writes, fio.Writes);
            Assert.True(fio.P99Ms > 0);
            var dd = await RemoteFsyncProbe.RunAsync(ssh, dir, options, fioAvailable: false, CancellationToken.None);
            Assert.Equal(options.Writes, dd.Writes);
            Assert.True(dd.MeanMs > 0);
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private bool Skip()
    {
        if (_sshd.SkipReason is null)
        {
            return false;
        }

        _output.WriteLine($"skipped: {_sshd.SkipReason}");
        return true;
    }
}
