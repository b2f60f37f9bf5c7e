using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>The end of a scale-from-zero hold: the ready replicas, or why there are none.</summary>
internal sealed record HoldResult(HoldOutcome Outcome, IReadOnlyList<FunctionEndpoint> Endpoints, string? Message = null);
