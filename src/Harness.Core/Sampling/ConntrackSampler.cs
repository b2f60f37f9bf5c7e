using System.Globalization;
using Harness.Node.Access;
using Harness.Node.Proc;

namespace Harness.Sampling;

/// <summary>Reads the conntrack table fill, its drop counters and TIME_WAIT sockets of one node (or one network namespace).</summary>
internal sealed class ConntrackSampler : ISampler
{
    public const string CountPath = "/proc/sys/net/netfilter/nf_conntrack_count";
    public const string MaxPath = "/proc/sys/net/netfilter/nf_conntrack_max";
    public const string StatPath = "/proc/net/stat/nf_conntrack";
    public const string SockStatPath = "/proc/net/sockstat";
    public const string SnmpPath = "/proc/net/snmp";

    private readonly INodeAccess _node;

    public ConntrackSampler(INodeAccess node) => _node = node;

    public string Name => "conntrack";

    public async ValueTask<IReadOnlyList<SamplerReading>> SampleAsync(CancellationToken cancellationToken)
    {
        var readings = new List<SamplerReading>(9);
        if (ParseLong(await _node.ReadFileAsync(CountPath, cancellationToken).ConfigureAwait(false)) is { } count)
        {
            readings.Add(new SamplerReading("nf_conntrack_count", count, "entries"));
        }

        if (ParseLong(await _node.ReadFileAsync(MaxPath, cancellationToken).ConfigureAwait(false)) is { } max)
        {
            readings.Add(new SamplerReading("nf_conntrack_max", max, "entries"));
        }

        if (await _node.ReadFileAsync(StatPath, cancellationToken).ConfigureAwait(false) is { } statText)
        {
            var stats = ConntrackStats.Parse(statText);
            readings.Add(new SamplerReading("conntrack_drop", stats.Drop, "packets"));
            readings.Add(new SamplerReading("conntrack_insert_failed", stats.InsertFailed, "packets"));
            readings.Add(new SamplerReading("conntrack_early_drop", stats.EarlyDrop, "entries"));
            readings.Add(new SamplerReading("conntrack_insert", stats.Insert, "entries"));
        }

        if (await _node.ReadFileAsync(SockStatPath, cancellationToken).ConfigureAwait(false) is { } sockText)
        {
            readings.Add(new SamplerReading("time_wait", SockStat.Parse(sockText).TimeWait, "sockets"));
        }

        if (await _node.ReadFileAsync(SnmpPath, cancellationToken).ConfigureAwait(false) is { } snmpText)
        {
            readings.Add(new SamplerReading("tcp_opens", TcpSnmp.Parse(snmpText).Opens, "connections"));
        }

        return readings;
    }

    internal static long? ParseLong(string? text)
        => text is not null && long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
