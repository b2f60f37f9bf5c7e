namespace Harness.Platform.Gateway;

/// <summary>A change of replicas the scaling loop should make, and why.</summary>
internal sealed record ScalingDecision(int Replicas, string Reason);
