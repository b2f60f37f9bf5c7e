namespace Harness.Watchdog.Config;

/// <summary>How the watchdog runs the function process (of-watchdog's <c>mode</c>).</summary>
internal enum WatchdogMode
{
    /// <summary>Fork per request; body and output fully buffered; classic watchdog semantics.</summary>
    Serializing,

    /// <summary>Fork per request; body and output streamed; status is always 200.</summary>
    Streaming,

    /// <summary>The process is started once and requests are proxied to <c>upstream_url</c>.</summary>
    Http,
}
