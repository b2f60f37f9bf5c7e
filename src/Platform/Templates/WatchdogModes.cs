namespace Harness.Platform.Templates;

/// <summary>The watchdog's <c>mode</c> values and the environment variable names the builder writes.</summary>
internal static class WatchdogModes
{
    /// <summary>Fork per request, buffered (the classic watchdog).</summary>
    public const string Serializing = "serializing";

    /// <summary>Fork per request, streamed.</summary>
    public const string Streaming = "streaming";

    /// <summary>The function process is started once and requests are proxied to it.</summary>
    public const string Http = "http";

    /// <summary>Maps a stack's mode value (also <c>fork</c>, any case) to a canonical one; null when unknown.</summary>
    public static string? Normalize(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "serializing" or "fork" or "classic" => Serializing,
        "streaming" => Streaming,
        "http" => Http,
        _ => null,
    };
}
