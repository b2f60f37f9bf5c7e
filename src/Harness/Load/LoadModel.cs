namespace Harness.Load;

/// <summary>The k6 executor names we support: two open models (arrivals) and two closed models (virtual users).</summary>
public enum LoadModel
{
    ConstantArrivalRate,
    RampingArrivalRate,
    ConstantVus,
    RampingVus,
}
