namespace Harness.Bench;

/// <summary>What wrk printed: requests/s and its latency percentiles in ms (null when it did not print them), and its output.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double? P50, double? P90, double? P99, long Requests, long Errors, string Output)
{
    /// <summary>This result, when no request failed; a bench comparing rates must not compare a run with failures.</summary>
    public WrkResult WithoutErrors(Uri url) => Errors == 0
        ? this
        : throw new InvalidOperationException($"wrk saw {Errors} failed request(s) against {url}, so the figures are not comparable: {Output}");
}
