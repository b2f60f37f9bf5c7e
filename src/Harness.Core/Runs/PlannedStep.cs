namespace Harness.Runs;

/// <summary>One line of a run plan: which scenario (or run-wide step), what it does and how long that is planned to take.</summary>
internal sealed record PlannedStep(string Scenario, string Kind, string What, TimeSpan Duration);
