namespace Harness.Platform.Http11;

/// <summary>The upstream sent something that is not an HTTP/1.x response, or closed in the middle of one.</summary>
internal sealed class Http11ProtocolException(string message) : IOException(message);
