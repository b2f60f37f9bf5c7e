namespace Harness.Bench;

/// <summary>What one process spent per request of a measured run: CPU µs and context switches (all, and involuntary).</summary>
internal sealed record PerRequestCost(string Process, double CpuMicros, double Switches, double InvoluntarySwitches);
