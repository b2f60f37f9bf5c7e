namespace Harness.Platform.Contracts;

/// <summary>The query of <c>/system/logs</c>.</summary>
public sealed record LogRequest(string Name, string Namespace, string? Instance = null, int? Tail = null, bool Follow = false, DateTimeOffset? Since = null);
