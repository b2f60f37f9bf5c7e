using Harness.Cli;
using Harness.Cli.App;
using Harness.Core.Tests.Node;
using Harness.Results;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Node;

// fsync timings are compared within a test: keep the disk-heavy node tests from running at the same time.
[Collection(NodeDiskCollection.Name)]
public sealed class NodeCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("node-cli-").FullName;

    [Fact]
    public async Task A_bad_target_file_exits_2_with_file_and_line()
    {
        var target = Path.Combine(_dir, "bad.yml");
        File.WriteAllText(target, "name: vps\nnode:\n  ssh:\n    host: 10.0.0.5\n    port: 0\n");
        var result = await RunAsync("node", "audit", "--target", target);
        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{target}:5:11: node.ssh.port", result.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tune_print_writes_a_sysctl_file_and_a_k3s_line_and_changes_nothing()
    {
        var pidMax = File.ReadAllText("/proc/sys/kernel/pid_max");
        var result = await RunAsync("node", "tune", "--print", "--k3s", "--data-dir", "/mnt/fast/k3s");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("/etc/sysctl.d/90-harness-faas.conf", result.Output, StringComparison.Ordinal);
        Assert.Contains("swapoff -a", result.Output, StringComparison.Ordinal);
        Assert.Contains("INSTALL_K3S_EXEC=", result.Output, StringComparison.Ordinal);
        Assert.Equal(pidMax, File.ReadAllText("/proc/sys/kernel/pid_max"));
    }

    [Fact]
    public async Task Audit_writes_results_json_with_the_tuning_table()
    {
        var result = await RunAsync("node", "audit", "--churn-seconds", "0", "--out", _dir);
        Assert.InRange(result.ExitCode, 0, 1);
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(_dir, "results.json"), CancellationToken.None);
        var audit = Assert.Single(summary.Scenarios);
        Assert.Equal("node-audit", audit.Kind);
        Assert.Equal(result.ExitCode == 0, audit.Thresholds.All(t => t.Passed));
        Assert.Equal(["setting", "current", "recommended", "verdict", "why", "source"], Assert.Single(audit.Tables).Columns);
    }

    [Fact]
    public async Task Fsync_command_runs_the_scenario_and_writes_results()
    {
        var result = await RunAsync("node", "fsync", "--size", "256k", "--no-fio", "--out", _dir);
        Assert.InRange(result.ExitCode, 0, 1);
        var summary = await RunSummaryJson.ReadAsync(Path.Combine(_dir, "results.json"), CancellationToken.None);
        var s = Assert.Single(summary.Scenarios);
        Assert.Equal("etcd-fsync", s.Kind);
        Assert.Equal(256 * 1024 / 2300, s.Metrics["fdatasync_duration"].Count);
        Assert.Equal(10, s.Values["fdatasync_limit_ms"]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<CommandAppResult> RunAsync(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        return await app.RunAsync(args);
    }
}
