namespace Harness.Platform;

/// <summary>The embedded platform could not start for a reason the user can fix (port in use, bad options, unreadable state).</summary>
public sealed class PlatformStartException : Exception
{
    /// <summary>Without a message.</summary>
    public PlatformStartException()
    {
    }

    /// <summary>With <paramref name="message"/>, which the CLI prints as the reason.</summary>
    public PlatformStartException(string message)
        : base(message)
    {
    }

    /// <summary>With <paramref name="message"/> and the failure behind it.</summary>
    public PlatformStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
