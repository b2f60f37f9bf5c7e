namespace Harness.Platform.Contracts;

/// <summary>
/// The provider's backend (e.g. the Kubernetes API server) cannot be reached, so it cannot answer at all: the gateway
/// answers 502 with this message instead of failing the request with an unhandled error.
/// </summary>
public sealed class ProviderUnavailableException : Exception
{
    /// <summary>Without a message.</summary>
    public ProviderUnavailableException()
    {
    }

    /// <summary>With <paramref name="message"/>, which the gateway passes on to the caller.</summary>
    public ProviderUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>With <paramref name="message"/> and the exception that made the backend unreachable.</summary>
    public ProviderUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
