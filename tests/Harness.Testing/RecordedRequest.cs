namespace Harness.Testing;

/// <summary>One request as <see cref="ScriptedUpstream"/> received it.</summary>
/// <param name="Head">The request line and header lines, as sent, without the blank line.</param>
/// <param name="Headers">The header fields in order, values trimmed.</param>
/// <param name="Body">The body, de-chunked when it was chunked.</param>
/// <param name="Chunked">Whether the body came with <c>Transfer-Encoding: chunked</c>.</param>
/// <param name="Connection">The connection it came on: 1 for the first the server accepted.</param>
public sealed record RecordedRequest(string Head, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool Chunked, int Connection)
{
    /// <summary>The request line, e.g. <c>GET /ok HTTP/1.1</c>.</summary>
    public string RequestLine => Head.Split("\r\n", 2)[0];

    /// <summary>The request target, e.g. <c>/ok?x=1</c>.</summary>
    public string Target => RequestLine.Split(' ') is [_, var target, ..] ? target : "";

    /// <summary>The first value of the header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>How many fields named <paramref name="name"/> the request had.</summary>
    public int Count(string name) => Headers.Count(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
}
