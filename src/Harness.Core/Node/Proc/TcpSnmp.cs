using System.Globalization;

namespace Harness.Node.Proc;

/// <summary>TCP counters from <c>/proc/net/snmp</c>: opens are new connections, the churn conntrack has to hold.</summary>
internal sealed record TcpSnmp(long ActiveOpens, long PassiveOpens, long AttemptFails, long CurrEstab)
{
    public long Opens => ActiveOpens + PassiveOpens;

    /// <summary>Reads the header/value pair of <c>Tcp:</c> lines.</summary>
    public static TcpSnmp Parse(string text)
    {
        var lines = text.Split('\n').Where(l => l.StartsWith("Tcp:", StringComparison.Ordinal)).ToList();
        if (lines.Count < 2)
        {
            throw new FormatException("snmp: no Tcp: header and value lines");
        }

        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Get(string name)
        {
            var i = Array.IndexOf(names, name);
            return i > 0 && i < values.Length && long.TryParse(values[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        }

        return new TcpSnmp(Get("ActiveOpens"), Get("PassiveOpens"), Get("AttemptFails"), Get("CurrEstab"));
    }
}
