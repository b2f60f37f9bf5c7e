using Harness.Node.Access;
using Harness.Node.Proc;

namespace Harness.Sampling;

/// <summary>TCP sockets in use and in TIME_WAIT (<c>/proc/net/sockstat</c>), and ephemeral ports in use (<c>/proc/net/tcp</c>, <c>tcp6</c>) of this network namespace.</summary>
internal sealed class SockstatSampler(INodeAccess node) : ISampler
{
    public const string SockStatPath = "/proc/net/sockstat";
    public const string PortRangePath = "/proc/sys/net/ipv4/ip_local_port_range";

    private (int Low, int High)? range;

    public string Name => "sockstat";

    public async ValueTask<IReadOnlyList<SamplerReading>> SampleAsync(CancellationToken cancellationToken)
    {
        var readings = new List<SamplerReading>(5);
        if (await node.ReadFileAsync(SockStatPath, cancellationToken).ConfigureAwait(false) is { } sockText)
        {
            var s = SockStat.Parse(sockText);
            readings.Add(new SamplerReading("tcp_inuse", s.TcpInUse, "sockets"));
            readings.Add(new SamplerReading("tcp_time_wait", s.TimeWait, "sockets"));
        }

        range ??= ProcNetTcp.ParseRange(await node.ReadFileAsync(PortRangePath, cancellationToken).ConfigureAwait(false));
        var tables = new List<string>(2);
        foreach (var path in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (await node.ReadFileAsync(path, cancellationToken).ConfigureAwait(false) is { } text)
            {
                tables.Add(text);
            }
        }

        if (tables.Count > 0)
        {
            var (_, ports) = ProcNetTcp.Count(tables, range.Value.Low, range.Value.High);
            readings.Add(new SamplerReading("ephemeral_ports_in_use", ports, "ports"));
            readings.Add(new SamplerReading("ephemeral_port_range", range.Value.High - range.Value.Low + 1, "ports"));
        }

        return readings;
    }
}
