using System.Globalization;

namespace Harness.Node.Proc;

/// <summary>The TCP line of <c>/proc/net/sockstat</c>: sockets in use, orphans and TIME_WAIT (per network namespace).</summary>
internal sealed record SockStat(long TcpInUse, long TcpOrphan, long TimeWait, long TcpAlloc)
{
    public static SockStat Parse(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("TCP:", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = new Dictionary<string, long>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < fields.Length; i += 2)
            {
                if (long.TryParse(fields[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                {
                    values[fields[i]] = v;
                }
            }

            return new SockStat(values.GetValueOrDefault("inuse"), values.GetValueOrDefault("orphan"), values.GetValueOrDefault("tw"), values.GetValueOrDefault("alloc"));
        }

        throw new FormatException("sockstat: no TCP: line");
    }
}
