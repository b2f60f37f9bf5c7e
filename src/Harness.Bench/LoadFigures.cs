namespace Harness.Bench;

/// <summary>One measured run: requests per second and the 99th percentile latency (NaN when the load generator cannot tell).</summary>
internal sealed record LoadFigures(double RequestsPerSecond, double P99Ms);
