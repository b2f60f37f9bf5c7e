namespace Harness.Scenarios;

/// <summary>One call: time to first and last byte, and the gateway's own account of where the time went (null when it sent none).</summary>
internal sealed record ColdStartSample(bool Ok, int Status, double TtfbMs, double TtlbMs, double? HoldMs, double? UpstreamMs, string? Error);
