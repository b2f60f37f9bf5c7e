namespace Harness.Platform.Http11;

/// <summary>How a response's body ends (RFC 9112 §6.3).</summary>
internal enum Http11Framing
{
    /// <summary>No body: HEAD, 1xx, 204, 304, or Content-Length 0.</summary>
    None,

    /// <summary>Content-Length bytes.</summary>
    Length,

    /// <summary>Transfer-Encoding: chunked.</summary>
    Chunked,

    /// <summary>Everything until the server closes the connection (HTTP/1.0, or neither header).</summary>
    UntilClose,
}
