namespace Harness.Bench;

/// <summary>What wrk printed: requests/s and its latency percentiles in ms (null when it did not print them).</summary>
internal sealed record WrkResult(double RequestsPerSecond, double? P50, double? P90, double? P99, long Requests, long Errors);
