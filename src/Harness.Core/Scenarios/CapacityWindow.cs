using Harness.Results;

namespace Harness.Scenarios;

/// <summary>
/// One window of a capacity ramp: the rate planned, its result, whether every breaking condition held, and whether it was
/// one of the refinement's windows (run after the first break, between the highest rate that held and the lowest that broke).
/// </summary>
internal sealed record CapacityWindow(double Rate, ScenarioResult Result, bool Held, IReadOnlyList<string> Broken, bool Refined = false);
