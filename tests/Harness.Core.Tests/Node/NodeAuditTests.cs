using Harness.Node.Access;
using Harness.Node.Audit;
using Harness.Node.Proc;
using Harness.Results;

namespace Harness.Core.Tests.Node;

public sealed class NodeAuditTests
{
    private static NodeFacts Facts(Dictionary<string, string?> overrides, bool swap = false, string fs = "ext4", double? expected = null)
    {
        var sysctls = new Dictionary<string, string?>
        {
            ["net.netfilter.nf_conntrack_max"] = "262144",
            ["net.netfilter.nf_conntrack_count"] = "100",
            ["net.netfilter.nf_conntrack_tcp_timeout_time_wait"] = "120",
            ["net.ipv4.ip_local_port_range"] = "32768\t60999",
            ["net.ipv4.tcp_tw_reuse"] = "1",
            ["net.core.somaxconn"] = "4096",
            ["net.ipv4.tcp_max_syn_backlog"] = "8192",
            ["fs.inotify.max_user_instances"] = "512",
            ["fs.inotify.max_user_watches"] = "524288",
            ["vm.swappiness"] = "60",
            ["net.bridge.bridge-nf-call-iptables"] = "1",
            ["net.ipv4.ip_forward"] = "1",
            ["kernel.pid_max"] = "4194304",
        };
        foreach (var (k, v) in overrides)
        {
            sysctls[k] = v;
        }

        return new NodeFacts
        {
            Node = "test",
            Sysctls = sysctls,
            Swap = swap ? new SwapInfo(["/swapfile"], 1024) : new SwapInfo([], 0),
            DatastoreDir = NodeTarget.K3sDatastoreDir,
            DatastoreExists = true,
            DatastoreMount = new MountEntry("/dev/nvme0n1", "/", fs, "rw"),
            ExpectedNewConnectionsPerSecond = expected,
        };
    }

    [Fact]
    public void A_tuned_node_passes_every_row_and_every_row_has_a_source()
    {
        var rows = NodeAudit.Evaluate(Facts([]));
        Assert.All(rows, r => Assert.True(r.Passed, $"{r.Setting}: {r.Current}"));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Why)));
        Assert.Equal(13, rows.Count);
        Assert.Equal(ScenarioStatus.Passed, NodeAuditResultBuilder.Build("node-audit", Facts([]), rows, DateTimeOffset.UnixEpoch, TimeSpan.Zero).Status);
    }

    [Fact]
    public void Conntrack_max_is_judged_against_the_expected_churn()
    {
        var rows = NodeAudit.Evaluate(Facts([], expected: 3000));
        var row = rows.Single(r => r.Id == "conntrack-max");
        Assert.False(row.Passed);
        Assert.Equal("1048576", row.TuneValue);   // 2 × 3000/s × 120 s, next power of two
        Assert.Contains("3000", row.Recommended, StringComparison.Ordinal);
        // 3000/s to one destination also exceeds what 28,232 ports give (≈470/s).
        Assert.False(rows.Single(r => r.Id == "port-range").Passed);
    }

    [Fact]
    public void Defaults_of_a_fresh_debian_node_fail_where_the_guides_say_so()
    {
        var rows = NodeAudit.Evaluate(Facts(new()
        {
            ["net.ipv4.tcp_tw_reuse"] = "2",
            ["fs.inotify.max_user_instances"] = "128",
            ["net.ipv4.ip_forward"] = "0",
            ["kernel.pid_max"] = "32768",
            ["net.bridge.bridge-nf-call-iptables"] = null,
        }, swap: true, fs: "tmpfs"));
        var failed = rows.Where(r => !r.Passed).Select(r => r.Id).ToHashSet();
        Assert.Equal(new[] { "tw-reuse", "inotify-instances", "swap", "swappiness", "bridge-nf", "ip-forward", "pid-max", "datastore-fs" }.Order(StringComparer.Ordinal), failed.Order(StringComparer.Ordinal));
        Assert.Contains("br_netfilter", rows.Single(r => r.Id == "bridge-nf").Current, StringComparison.Ordinal);
    }

    [Fact]
    public void Tune_plan_sets_only_failing_sysctls_and_turns_swap_off()
    {
        var facts = Facts(new() { ["kernel.pid_max"] = "32768", ["net.bridge.bridge-nf-call-iptables"] = null }, swap: true);
        var plan = TunePlan.From(NodeAudit.Evaluate(facts), facts);
        Assert.Contains("kernel.pid_max = 4194304", plan.SysctlFile, StringComparison.Ordinal);
        Assert.Contains("# already fine: net.core.somaxconn = 4096", plan.SysctlFile, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.SysctlFile.Split('\n'), l => l.StartsWith("net.netfilter.nf_conntrack_max", StringComparison.Ordinal));
        Assert.Contains("swapoff -a", plan.Commands);
        Assert.Contains(plan.Commands, c => c.StartsWith("modprobe br_netfilter", StringComparison.Ordinal));
        Assert.Contains($"sysctl -p {TunePlan.SysctlPath}", plan.Commands);
        Assert.StartsWith($"cat > {TunePlan.SysctlPath} <<'EOF'", plan.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void K3s_line_explains_each_flag()
    {
        var line = K3sInstallLine.Render("nginx", "/mnt/fast/k3s");
        Assert.Contains("--disable traefik", line, StringComparison.Ordinal);
        Assert.Contains("--secrets-encryption", line, StringComparison.Ordinal);
        Assert.Contains("--write-kubeconfig-mode 600", line, StringComparison.Ordinal);
        Assert.Contains("--data-dir /mnt/fast/k3s", line, StringComparison.Ordinal);
        Assert.DoesNotContain("--disable traefik", K3sInstallLine.Render("traefik", null), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collector_reads_the_local_node_without_changing_it()
    {
        var before = File.ReadAllText("/proc/sys/kernel/pid_max");
        var facts = await NodeFactsCollector.CollectAsync(new LocalNodeAccess(), NodeTarget.Local, TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None);
        Assert.Equal(before.Trim(), facts.Sysctl("kernel.pid_max"));
        Assert.NotNull(facts.DatastoreMount);
        Assert.NotNull(facts.MeasuredNewConnectionsPerSecond);
        Assert.Equal(13, NodeAudit.Evaluate(facts).Count);
    }
}
