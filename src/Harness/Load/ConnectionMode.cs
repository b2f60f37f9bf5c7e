namespace Harness.Load;

/// <summary>Kept-alive pool, or one fresh TCP connection per request (<c>Connection: close</c>, no pooling).</summary>
public enum ConnectionMode
{
    KeepAlive,
    NewPerRequest,
}
