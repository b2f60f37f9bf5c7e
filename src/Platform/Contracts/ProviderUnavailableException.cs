namespace Harness.Platform.Contracts;

/// <summary>
/// The provider's backend (e.g. the Kubernetes API server) cannot be reached, so it cannot answer at all: the gateway
/// answers 502 with this message instead of failing the request with an unhandled error.
/// </summary>
public sealed class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException()
    {
    }

    public ProviderUnavailableException(string message)
        : base(message)
    {
    }

    public ProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
