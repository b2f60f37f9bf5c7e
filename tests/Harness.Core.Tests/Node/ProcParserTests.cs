using Harness.Node.Proc;

namespace Harness.Core.Tests.Node;

public sealed class ProcParserTests
{
    [Fact]
    public void Conntrack_stat_sums_hex_columns_over_cpus_but_not_entries()
    {
        var stats = ConntrackStats.Parse(NodeTestTools.Fixture("nf_conntrack_stat.txt"));
        Assert.Equal(2000, stats.Entries);
        Assert.Equal(0x39e + 0x3a9, stats.Drop);
        Assert.Equal(2, stats.InsertFailed);
        Assert.Equal(4, stats.EarlyDrop);
        Assert.Equal(4, stats.Invalid);
        Assert.Equal(11, stats.SearchRestart);
    }

    [Fact]
    public void Conntrack_stat_rejects_ragged_rows_and_non_hex()
    {
        Assert.Contains("line 2", Assert.Throws<FormatException>(() => ConntrackStats.Parse("entries drop\n0001\n")).Message, StringComparison.Ordinal);
        Assert.Contains("column drop", Assert.Throws<FormatException>(() => ConntrackStats.Parse("entries drop\n0001 zz\n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sockstat_gives_time_wait()
    {
        var s = SockStat.Parse(NodeTestTools.Fixture("sockstat.txt"));
        Assert.Equal(1834, s.TimeWait);
        Assert.Equal(12, s.TcpInUse);
    }

    [Fact]
    public void Snmp_gives_tcp_opens()
    {
        var tcp = TcpSnmp.Parse(NodeTestTools.Fixture("snmp.txt"));
        Assert.Equal(16693 + 4630, tcp.Opens);
        Assert.Equal(4, tcp.CurrEstab);
    }

    [Fact]
    public void Swaps_lists_active_areas_and_an_empty_file_means_off()
    {
        var swap = SwapInfo.Parse(NodeTestTools.Fixture("swaps.txt"));
        Assert.True(swap.Enabled);
        Assert.Equal(["/swapfile", "/dev/vdb2"], swap.Devices);
        Assert.Equal(2097148 + 1048572, swap.TotalKiB);
        Assert.False(SwapInfo.Parse("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n").Enabled);
    }

    [Theory]
    [InlineData("/var/lib/rancher/k3s/server/db", "xfs", "/dev/nvme1n1")]
    [InlineData("/var/lib/ranch", "ext4", "/dev/vda")]
    [InlineData("/run/k3s", "tmpfs", "tmpfs")]
    [InlineData("/mnt/my data/db", "ext4", "/dev/sdc")]
    public void Mount_table_finds_the_filesystem_under_a_path(string path, string fs, string device)
    {
        var mount = MountTable.FindFor(MountTable.Parse(NodeTestTools.Fixture("mounts.txt")), path);
        Assert.Equal(fs, mount!.FileSystem);
        Assert.Equal(device, mount.Device);
    }

    [Fact]
    public void The_running_kernel_files_parse()
    {
        if (File.Exists("/proc/net/stat/nf_conntrack"))
        {
            Assert.True(ConntrackStats.Parse(File.ReadAllText("/proc/net/stat/nf_conntrack")).Drop >= 0);
        }

        Assert.True(SockStat.Parse(File.ReadAllText("/proc/net/sockstat")).TimeWait >= 0);
        Assert.True(TcpSnmp.Parse(File.ReadAllText("/proc/net/snmp")).Opens > 0);
        Assert.NotNull(MountTable.FindFor(MountTable.Parse(File.ReadAllText("/proc/mounts")), Path.GetTempPath()));
    }
}
