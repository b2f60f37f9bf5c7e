namespace Harness.Platform.Http11;

/// <summary>Reading the client's request body failed; wraps Kestrel's exception so that it is not taken for an upstream failure.</summary>
internal sealed class RequestBodyReadException(Exception inner) : IOException(inner.Message, inner);
