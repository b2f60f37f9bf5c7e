namespace Harness.Platform.Http11;

/// <summary>How the forwarded request's body is framed towards the upstream.</summary>
internal enum RequestFraming
{
    /// <summary>No body.</summary>
    None,

    /// <summary>Content-Length, as the client sent it.</summary>
    Length,

    /// <summary>Chunked: the client's length was not known (chunked HTTP/1.1, or HTTP/2 without content-length).</summary>
    Chunked,
}
