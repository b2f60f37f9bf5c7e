using Harness.Cli.Node;
using Harness.Results;

namespace Harness.Tests.Node;

public sealed class NodeCliThresholdLineTests
{
    [Fact]
    public void An_audit_row_names_its_setting_once_and_shows_the_current_value_instead_of_n_a()
    {
        var failed = new ThresholdResult { Expression = "kernel.pid_max: ≥ 4194304", Metric = "kernel.pid_max", Passed = false, Message = "is 32768" };
        var passed = new ThresholdResult { Expression = "swap: off", Metric = "swap", Passed = true };

        Assert.Equal("kernel.pid_max: ≥ 4194304: is 32768", NodeCli.ThresholdLine(failed));
        Assert.Equal("swap: off", NodeCli.ThresholdLine(passed));
    }

    [Fact]
    public void A_measured_threshold_keeps_its_metric_and_actual_value()
    {
        var t = new ThresholdResult { Expression = "p99 < 10ms", Metric = "fdatasync_duration", Actual = 8.7912, Unit = "ms", Passed = true };

        Assert.Equal("fdatasync_duration p99 < 10ms: 8.791ms", NodeCli.ThresholdLine(t));
        var drops = new ThresholdResult { Expression = "conntrack_drop == 0", Metric = "conntrack_drop", Actual = 0, Unit = "packets", Passed = true };
        Assert.Equal("conntrack_drop == 0: 0 packets", NodeCli.ThresholdLine(drops));
    }
}
