namespace Harness.Platform.Http11;

/// <summary>A parsed response status line and header block, as the upstream sent it (hop-by-hop headers included).</summary>
internal sealed record Http11ResponseHead(
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    Http11Framing Framing,
    long ContentLength,
    bool KeepAlive);
