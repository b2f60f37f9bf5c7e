using System.Text.RegularExpressions;

namespace Harness.Reports.Content;

/// <summary>Sorts a scenario's time series into the charts the report knows (latency, rate, errors, sockets) by name.</summary>
internal static partial class SeriesKinds
{
    public static bool IsLatency(string name) => LatencyName().IsMatch(name);

    public static bool IsRate(string name) => name.ToLowerInvariant() is "rps" or "requests_per_s" or "req_per_s" or "throughput" or "requests";

    public static bool IsError(string name)
    {
        var n = name.ToLowerInvariant();
        return n.StartsWith("error", StringComparison.Ordinal) || n.StartsWith("dropped", StringComparison.Ordinal) || n.Contains("timeout", StringComparison.Ordinal) || n.StartsWith("status_5", StringComparison.Ordinal);
    }

    public static bool IsSocket(string name)
    {
        var n = name.ToLowerInvariant();
        return n.Contains("time_wait", StringComparison.Ordinal) || n.Contains("timewait", StringComparison.Ordinal) || n.Contains("port", StringComparison.Ordinal)
            || n.Contains("socket", StringComparison.Ordinal) || n.Contains("tcp_", StringComparison.Ordinal) || n.Contains("established", StringComparison.Ordinal);
    }

    /// <summary>A capacity curve: the points' x is the planned arrival rate, not time (<c>p99_vs_rate</c>).</summary>
    public static bool IsAgainstRate(string name) => name.EndsWith("_vs_rate", StringComparison.OrdinalIgnoreCase);

    public static bool IsConntrack(string name) => name.Contains("conntrack", StringComparison.OrdinalIgnoreCase);

    public static bool IsChurn(string metric)
    {
        var n = metric.ToLowerInvariant();
        return n.Contains("deploy", StringComparison.Ordinal) || n.Contains("ready", StringComparison.Ordinal) || n.Contains("scale", StringComparison.Ordinal) || n.Contains("delete", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(latency_|http_req_duration_)?p\d+(\.\d+)?$|latency", RegexOptions.IgnoreCase)]
    private static partial Regex LatencyName();
}
