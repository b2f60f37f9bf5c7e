namespace Harness.Load;

/// <summary>One k6 stage: move linearly to <see cref="Target"/> (rate per time unit, or VUs) over <see cref="Duration"/>.</summary>
public sealed record LoadStage(double Target, TimeSpan Duration);
