using System.Globalization;
using Harness.Node.Conntrack;

namespace Harness.Node.Audit;

/// <summary>Pure rules from node facts to audit rows; the recommended values scale with the measured or expected churn.</summary>
internal static class NodeAudit
{
    public const long MinSomaxconn = 4096;
    public const long MinSynBacklog = 4096;
    public const long MinInotifyInstances = 512;
    public const long MinInotifyWatches = 524_288;
    public const long MinPidMax = 4_194_304;
    public const long MaxSwappiness = 10;
    public const int DefaultPortRangeWidth = 28_232;
    private static readonly string[] GoodFileSystems = ["ext4", "xfs", "btrfs", "zfs", "f2fs"];

    public static IReadOnlyList<AuditRow> Evaluate(NodeFacts facts)
    {
        var rows = new List<AuditRow>();
        var rate = Math.Max(facts.MeasuredNewConnectionsPerSecond ?? 0, facts.ExpectedNewConnectionsPerSecond ?? 0);
        var rateText = rate > 0 ? string.Create(CultureInfo.InvariantCulture, $"{rate:0.#} new connections/s ({(facts.ExpectedNewConnectionsPerSecond >= facts.MeasuredNewConnectionsPerSecond.GetValueOrDefault() ? "expected" : "measured")})") : "no churn measured";

        // conntrack
        var max = NodeFactsCollector.Long(facts.Sysctl("net.netfilter.nf_conntrack_max"));
        var timeWait = NodeFactsCollector.Long(facts.Sysctl("net.netfilter.nf_conntrack_tcp_timeout_time_wait")) ?? 120;
        var count = NodeFactsCollector.Long(facts.Sysctl("net.netfilter.nf_conntrack_count")) ?? 0;
        var headroom = new ConntrackHeadroom { NewConnectionsPerSecond = rate, TimeWaitTimeoutSeconds = timeWait, Max = max ?? 0, Baseline = count };
        var wantedMax = headroom.RecommendedMax;
        rows.Add(Row("conntrack-max", max is null ? "nf_conntrack not loaded" : Str(max.Value),
            $"≥ {wantedMax} for {rateText}", max is null || max >= wantedMax, max is null || max >= wantedMax ? null : Str(wantedMax),
            extraWhy: max is null ? "Nothing is tracked until a firewall or kube-proxy loads nf_conntrack; audit again once k3s runs." : $"Now: steady state {headroom.SteadyStateEntries:0} entries, sustainable ≈ {headroom.MaxSustainableNewConnectionsPerSecond:0} new connections/s."));

        // ports and TIME_WAIT
        var range = facts.Sysctl("net.ipv4.ip_local_port_range")?.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var width = range is { Length: 2 } && int.TryParse(range[0], CultureInfo.InvariantCulture, out var lo) && int.TryParse(range[1], CultureInfo.InvariantCulture, out var hi) ? hi - lo + 1 : (int?)null;
        var portCeiling = width / 60.0;
        var portsOk = width >= DefaultPortRangeWidth && (rate <= 0 || rate < portCeiling);
        rows.Add(Row("port-range", range is null ? "missing" : $"{string.Join(' ', range)} ({width} ports, ≈{portCeiling:0} new connections/s per destination)",
            rate > 0 && width is not null && rate >= portCeiling ? "1024 65535" : "≥ 28232 ports", portsOk, portsOk ? null : "1024 65535"));
        rows.Add(Exact("tw-reuse", "net.ipv4.tcp_tw_reuse", facts, "1"));
        rows.Add(AtLeast("somaxconn", "net.core.somaxconn", facts, MinSomaxconn));
        rows.Add(AtLeast("syn-backlog", "net.ipv4.tcp_max_syn_backlog", facts, MinSynBacklog));

        // inotify
        rows.Add(AtLeast("inotify-instances", "fs.inotify.max_user_instances", facts, MinInotifyInstances));
        rows.Add(AtLeast("inotify-watches", "fs.inotify.max_user_watches", facts, MinInotifyWatches));

        // swap
        var swapOn = facts.Swap?.Enabled ?? false;
        rows.Add(Row("swap", facts.Swap is null ? "unknown" : swapOn ? $"on: {string.Join(", ", facts.Swap.Devices)} ({facts.Swap.TotalKiB / 1024} MiB)" : "off", "off", !swapOn, null));
        var swappiness = NodeFactsCollector.Long(facts.Sysctl("vm.swappiness"));
        rows.Add(Row("swappiness", swappiness is null ? "missing" : Str(swappiness.Value) + (swapOn ? "" : " (swap off: no effect)"),
            swapOn ? $"≤ {MaxSwappiness}" : "any (swap off)", !swapOn || swappiness <= MaxSwappiness, swapOn && swappiness > MaxSwappiness ? Str(MaxSwappiness) : null));

        // forwarding
        var bridge = facts.Sysctl("net.bridge.bridge-nf-call-iptables");
        rows.Add(Row("bridge-nf", bridge ?? "absent (br_netfilter not loaded)", "1", bridge == "1", bridge == "1" ? null : "1",
            extraWhy: bridge is null ? "k3s loads br_netfilter when it starts; load it (modprobe br_netfilter) to set this before." : null));
        rows.Add(Exact("ip-forward", "net.ipv4.ip_forward", facts, "1"));
        rows.Add(AtLeast("pid-max", "kernel.pid_max", facts, MinPidMax));

        // datastore filesystem
        var fs = facts.DatastoreMount?.FileSystem;
        // Virtual disks often claim to be rotational, so that flag is shown but the fsync probe is the judge of speed.
        var fsOk = fs is not null && GoodFileSystems.Contains(fs);
        var where = facts.DatastoreExists ? facts.DatastoreDir : $"{facts.DatastoreDir} (not there yet; its parent's)";
        rows.Add(Row("datastore-fs", fs is null ? $"{where}: unknown" : $"{where}: {fs} on {facts.DatastoreMount!.Device}{(facts.DatastoreRotational switch { true => " (kernel says rotational)", false => " (non-rotational)", _ => "" })}",
            "local SSD filesystem (ext4/xfs)", fsOk, null));
        return rows;
    }

    private static AuditRow AtLeast(string id, string sysctl, NodeFacts facts, long minimum)
    {
        var value = NodeFactsCollector.Long(facts.Sysctl(sysctl));
        var ok = value >= minimum;
        return Row(id, value is null ? "missing" : Str(value.Value), $"≥ {minimum}", ok, ok ? null : Str(minimum));
    }

    private static AuditRow Exact(string id, string sysctl, NodeFacts facts, string wanted)
    {
        var value = facts.Sysctl(sysctl);
        return Row(id, value ?? "missing", wanted, value == wanted, value == wanted ? null : wanted);
    }

    private static AuditRow Row(string id, string current, string recommended, bool passed, string? tune, string? extraWhy = null)
    {
        var fact = TuningFacts.Get(id);
        return new AuditRow(id, fact.Setting, current, recommended, passed, extraWhy is null ? fact.Why : fact.Why + " " + extraWhy, fact.Source) { TuneValue = tune };
    }

    private static string Str(long value) => value.ToString(CultureInfo.InvariantCulture);
}
