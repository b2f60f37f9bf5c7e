namespace Harness.Load;

/// <summary>One planned start of an open-model iteration, in seconds from the run start.</summary>
internal readonly record struct PlannedArrival(double AtSeconds, LoadPhase Phase);
