namespace Harness.Load;

/// <summary>The k6 executor names we support: two open models (arrivals) and two closed models (virtual users).</summary>
public enum LoadModel
{
    /// <summary>k6 <c>constant-arrival-rate</c>: a fixed number of iterations per time unit.</summary>
    ConstantArrivalRate,
    /// <summary>k6 <c>ramping-arrival-rate</c>: an arrival rate that follows stages.</summary>
    RampingArrivalRate,
    /// <summary>k6 <c>constant-vus</c>: a fixed number of looping virtual users.</summary>
    ConstantVus,
    /// <summary>k6 <c>ramping-vus</c>: a number of looping virtual users that follows stages.</summary>
    RampingVus,
}
