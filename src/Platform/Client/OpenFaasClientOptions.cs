namespace Harness.Platform.Client;

/// <summary>Transport settings for <see cref="OpenFaasClient.Create"/>.</summary>
public sealed record OpenFaasClientOptions
{
    /// <summary>Skip TLS certificate checks (faas-cli's <c>--tls-no-verify</c>). Off by default.</summary>
    public bool TlsNoVerify { get; init; }

    /// <summary>Limit for each non-streaming call; log streams are bounded by the caller's token only.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
