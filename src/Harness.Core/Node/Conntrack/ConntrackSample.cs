namespace Harness.Node.Conntrack;

/// <summary>One sampler reading set, <see cref="T"/> seconds after the scenario started.</summary>
internal sealed record ConntrackSample(double T, IReadOnlyDictionary<string, double> Values)
{
    public double? this[string series] => Values.TryGetValue(series, out var v) ? v : null;
}
