using System.Globalization;
using Harness.Node.Access;
using Harness.Node.Proc;

namespace Harness.Node.Audit;

/// <summary>Reads the audit's facts from a node with bounded file reads and two short commands; changes nothing.</summary>
internal static class NodeFactsCollector
{
    public static readonly string[] SysctlNames =
    [
        "net.netfilter.nf_conntrack_max",
        "net.netfilter.nf_conntrack_count",
        "net.netfilter.nf_conntrack_tcp_timeout_time_wait",
        "net.ipv4.ip_local_port_range",
        "net.ipv4.tcp_tw_reuse",
        "net.core.somaxconn",
        "net.ipv4.tcp_max_syn_backlog",
        "fs.inotify.max_user_instances",
        "fs.inotify.max_user_watches",
        "vm.swappiness",
        "net.bridge.bridge-nf-call-iptables",
        "net.ipv4.ip_forward",
        "kernel.pid_max",
    ];

    public static string PathOf(string sysctl) => "/proc/sys/" + sysctl.Replace('.', '/');

    public static async Task<NodeFacts> CollectAsync(INodeAccess node, NodeTarget target, TimeSpan churnWindow, TimeProvider time, CancellationToken cancellationToken)
    {
        var datastore = target.DatastoreDir ?? NodeTarget.K3sDatastoreDir;
        var paths = SysctlNames.Select(PathOf).Concat(["/proc/swaps", "/proc/mounts", "/proc/net/snmp"]).ToList();
        var first = await NodeFiles.ReadManyAsync(node, paths, cancellationToken).ConfigureAwait(false);

        double? rate = null;
        if (churnWindow > TimeSpan.Zero && first["/proc/net/snmp"] is { } snmpBefore)
        {
            var started = time.GetUtcNow();
            await Task.Delay(churnWindow, time, cancellationToken).ConfigureAwait(false);
            if (await node.ReadFileAsync("/proc/net/snmp", cancellationToken).ConfigureAwait(false) is { } snmpAfter)
            {
                var seconds = (time.GetUtcNow() - started).TotalSeconds;
                rate = (TcpSnmp.Parse(snmpAfter).Opens - TcpSnmp.Parse(snmpBefore).Opens) / seconds;
            }
        }

        // The datastore may not exist yet (k3s not installed): judge the filesystem of its nearest existing parent.
        var probe = await node.RunAsync(
            $"d={NodeLimits.ShellQuote(datastore)}; e=1; while [ ! -e \"$d\" ]; do d=$(dirname \"$d\"); e=0; done; echo $e; readlink -f \"$d\"",
            TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var lines = probe.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var exists = lines.Length > 0 && lines[0] == "1";
        var resolved = lines.Length > 1 ? lines[1] : datastore;
        var mount = first["/proc/mounts"] is { } mounts ? MountTable.FindFor(MountTable.Parse(mounts), resolved) : null;
        bool? rotational = null;
        if (mount?.Device.StartsWith("/dev/", StringComparison.Ordinal) == true)
        {
            var dev = Path.GetFileName(mount.Device);
            var rot = await node.ReadFileAsync($"/sys/class/block/{dev}/queue/rotational", cancellationToken).ConfigureAwait(false)
                ?? await node.ReadFileAsync($"/sys/class/block/{dev}/../queue/rotational", cancellationToken).ConfigureAwait(false);
            rotational = rot?.Trim() switch { "1" => true, "0" => false, _ => null };
        }

        return new NodeFacts
        {
            Node = node.Description,
            Sysctls = SysctlNames.ToDictionary(n => n, n => first[PathOf(n)]),
            Swap = first["/proc/swaps"] is { } swaps ? SwapInfo.Parse(swaps) : null,
            DatastoreDir = datastore,
            DatastoreExists = exists,
            DatastoreMount = mount,
            DatastoreRotational = rotational,
            MeasuredNewConnectionsPerSecond = rate is { } r ? Math.Round(r, 1) : null,
            ExpectedNewConnectionsPerSecond = target.ExpectedNewConnectionsPerSecond,
        };
    }

    internal static long? Long(string? text)
        => text is not null && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
