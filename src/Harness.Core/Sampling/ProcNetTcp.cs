using System.Globalization;

namespace Harness.Sampling;

/// <summary>Counts from <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>: sockets in TIME_WAIT, and distinct local ports of the ephemeral range in use.</summary>
internal static class ProcNetTcp
{
    /// <summary>The kernel's state code for TIME_WAIT in the <c>st</c> column.</summary>
    private const string TimeWaitState = "06";

    /// <summary>The LISTEN state: a listening socket's port is not an ephemeral port taken by a client.</summary>
    private const string ListenState = "0A";

    public static (long TimeWait, long EphemeralPortsInUse) Count(IEnumerable<string> tables, int rangeLow, int rangeHigh)
    {
        long timeWait = 0;
        var ports = new HashSet<int>();
        foreach (var table in tables)
        {
            foreach (var line in table.Split('\n').Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4)
                {
                    continue;
                }

                var state = fields[3];
                if (state == TimeWaitState)
                {
                    timeWait++;
                }

                var colon = fields[1].LastIndexOf(':');
                if (state != ListenState && colon > 0
                    && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port)
                    && port >= rangeLow && port <= rangeHigh)
                {
                    ports.Add(port);
                }
            }
        }

        return (timeWait, ports.Count);
    }

    /// <summary>Parses <c>ip_local_port_range</c> ("32768\t60999"); the kernel default when unreadable.</summary>
    public static (int Low, int High) ParseRange(string? text)
    {
        var parts = (text ?? "").Split(['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var low)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var high)
            ? (low, high)
            : (32768, 60999);
    }
}
