using Harness.Results;

namespace Harness.Scenarios;

/// <summary>One window of a capacity ramp: the rate planned, its result, and whether every breaking condition held.</summary>
internal sealed record CapacityWindow(double Rate, ScenarioResult Result, bool Held, IReadOnlyList<string> Broken);
