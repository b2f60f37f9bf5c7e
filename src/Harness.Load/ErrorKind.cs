namespace Harness.Load;

/// <summary>Why an iteration failed, as counted in results (<c>error_timeout</c>, <c>error_connection_refused</c>…).</summary>
public enum ErrorKind
{
    /// <summary>The iteration succeeded.</summary>
    None,
    /// <summary>The response arrived but its status code says failure (&gt;= 400).</summary>
    Http,
    /// <summary>The per-request timeout passed before the response was read.</summary>
    Timeout,
    /// <summary>ECONNREFUSED: nothing listens on the target port.</summary>
    ConnectionRefused,
    /// <summary>EADDRNOTAVAIL: no local ephemeral port left (or the address is unusable).</summary>
    AddressNotAvailable,
    /// <summary>ECONNRESET or the peer closed the connection before answering.</summary>
    ConnectionReset,
    /// <summary>Any other failure (DNS, TLS, an exception in the step).</summary>
    Other,
}
