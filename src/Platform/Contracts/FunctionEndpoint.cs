namespace Harness.Platform.Contracts;

/// <summary>A ready replica the gateway may forward to.</summary>
public sealed record FunctionEndpoint(string InstanceId, Uri Address);
