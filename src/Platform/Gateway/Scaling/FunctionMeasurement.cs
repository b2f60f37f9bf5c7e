namespace Harness.Platform.Gateway;

/// <summary>What the scaling loop measured about one function at one tick.</summary>
/// <param name="Queued">Async requests of this function queued or running.</param>
internal sealed record FunctionMeasurement(int Replicas, int ReadyReplicas, int InFlight, double RequestsPerSecond, DateTimeOffset LastActivity, int Queued = 0);
