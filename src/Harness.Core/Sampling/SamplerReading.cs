namespace Harness.Sampling;

/// <summary>One value of one series (e.g. <c>time_wait</c>, <c>nf_conntrack_count</c>).</summary>
internal sealed record SamplerReading(string Series, double Value, string Unit = "");
