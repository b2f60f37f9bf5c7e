namespace Harness.Platform;

/// <summary>The embedded platform could not start for a reason the user can fix (port in use, bad options, unreadable state).</summary>
public sealed class PlatformStartException : Exception
{
    public PlatformStartException()
    {
    }

    public PlatformStartException(string message)
        : base(message)
    {
    }

    public PlatformStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
