namespace Harness.Platform.Gateway.Scaling;

/// <summary>What the scaling loop measured about one function at one tick.</summary>
internal sealed record FunctionMeasurement(int Replicas, int ReadyReplicas, int InFlight, double RequestsPerSecond, DateTimeOffset LastActivity);
