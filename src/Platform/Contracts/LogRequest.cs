namespace Harness.Platform.Contracts;

/// <summary>The query of <c>/system/logs</c>.</summary>
/// <param name="Name">The function whose logs are read.</param>
/// <param name="Namespace">Its namespace; empty means <see cref="PlatformDefaults.FunctionNamespace"/>.</param>
/// <param name="Instance">Only the lines of this replica; null for every replica.</param>
/// <param name="Tail">At most this many of the latest lines; null (or 0 or less, as faas-provider) for all that are kept.</param>
/// <param name="Follow">Keep the stream open and yield new lines as they are written, until cancelled.</param>
/// <param name="Since">Only lines written at or after this time; null for no lower bound.</param>
public sealed record LogRequest(string Name, string Namespace, string? Instance = null, int? Tail = null, bool Follow = false, DateTimeOffset? Since = null);
