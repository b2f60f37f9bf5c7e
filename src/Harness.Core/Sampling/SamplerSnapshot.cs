namespace Harness.Sampling;

/// <summary>Every reading of one sampling tick, <see cref="T"/> seconds after the loop started.</summary>
internal sealed record SamplerSnapshot(double T, IReadOnlyDictionary<string, double> Values)
{
    public double? this[string series] => Values.TryGetValue(series, out var v) ? v : null;
}
