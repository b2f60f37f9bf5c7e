using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Harness.Watchdog.Metrics;

/// <summary>
/// of-watchdog's metrics, written by hand in the Prometheus text format (prometheus-net would cost AOT size and start time):
/// <c>http_requests_total</c>, <c>http_request_duration_seconds</c> and <c>http_requests_in_flight</c>.
/// </summary>
internal sealed class WatchdogMetrics
{
    private readonly ConcurrentDictionary<(int Code, string Method), RequestSeries> _series = new();
    private long _inFlight;

    public long InFlight => Interlocked.Read(ref _inFlight);

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Finished(string method, int code, double seconds)
    {
        Interlocked.Decrement(ref _inFlight);
        _series.GetOrAdd((code, NormalizeMethod(method)), static _ => new RequestSeries()).Observe(seconds);
    }

    public string Render()
    {
        var ordered = _series.OrderBy(p => p.Key.Code).ThenBy(p => p.Key.Method, StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder(1024);
        sb.Append("# HELP http_request_duration_seconds Seconds spent serving HTTP requests.\n");
        sb.Append("# TYPE http_request_duration_seconds histogram\n");
        foreach (var ((code, method), series) in ordered)
        {
            var labels = string.Create(CultureInfo.InvariantCulture, $"code=\"{code}\",method=\"{method}\"");
            for (var i = 0; i < RequestSeries.Buckets.Length; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_bucket{{{labels},le=\"{RequestSeries.Buckets[i]}\"}} {series.CumulativeBucket(i)}\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {series.Count}\n");
            sb.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_sum{{{labels}}} {series.SumSeconds}\n");
            sb.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_count{{{labels}}} {series.Count}\n");
        }

        sb.Append("# HELP http_requests_in_flight The number of requests currently being served.\n");
        sb.Append("# TYPE http_requests_in_flight gauge\n");
        sb.Append(CultureInfo.InvariantCulture, $"http_requests_in_flight {InFlight}\n");

        sb.Append("# HELP http_requests_total The total number of HTTP requests.\n");
        sb.Append("# TYPE http_requests_total counter\n");
        foreach (var ((code, method), series) in ordered)
        {
            sb.Append(CultureInfo.InvariantCulture, $"http_requests_total{{code=\"{code}\",method=\"{method}\"}} {series.Count}\n");
        }

        return sb.ToString();
    }

    private static string NormalizeMethod(string method) => method switch
    {
        "GET" => "get",
        "POST" => "post",
        "PUT" => "put",
        "PATCH" => "patch",
        "DELETE" => "delete",
        "HEAD" => "head",
        "OPTIONS" => "options",
        _ => "other",
    };
}
