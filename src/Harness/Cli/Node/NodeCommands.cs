using Spectre.Console.Cli;

namespace Harness.Cli.Node;

/// <summary>The <c>harness node</c> branch: probes and tuning of the node under test.</summary>
internal static class NodeCommands
{
    public static void Register(IConfigurator<CommandSettings> node)
    {
        node.SetDescription("Node fitness: etcd fsync, conntrack headroom, kernel tuning (locally or over SSH)");
        node.AddCommand<NodeFsyncCommand>("fsync").WithDescription("Measure fdatasync latency of etcd-sized writes where the datastore lives (etcd-fsync scenario)");
        node.AddCommand<NodeConntrackCommand>("conntrack").WithDescription("conntrack table headroom: observe the node, or churn in an isolated lab (--lab, root)");
        node.AddCommand<NodeAuditCommand>("audit").WithDescription("Check conntrack, ports, backlog, inotify, swap, forwarding, pid_max and the datastore filesystem; exit 1 when any fails");
        node.AddCommand<NodeTuneCommand>("tune").WithDescription("Print (or --apply, root) a sysctl.d file and swap-off commands; --k3s adds an install line");
    }
}
