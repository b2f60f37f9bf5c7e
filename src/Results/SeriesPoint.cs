namespace Harness.Results;

/// <summary>One point: seconds since the scenario started, and the value.</summary>
public sealed record SeriesPoint(double T, double Value);
