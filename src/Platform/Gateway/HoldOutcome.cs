namespace Harness.Platform.Gateway;

/// <summary>How a scale-from-zero hold ended.</summary>
internal enum HoldOutcome
{
    Ready,
    NotFound,
    TimedOut,
    ScaleFailed,
}
