namespace Harness.Load;

/// <summary>Kept-alive pool, or one fresh TCP connection per request (<c>Connection: close</c>, no pooling).</summary>
public enum ConnectionMode
{
    /// <summary>Reuse pooled connections (HTTP keep-alive).</summary>
    KeepAlive,
    /// <summary>Open a new TCP connection for every request and close it after the response.</summary>
    NewPerRequest,
}
