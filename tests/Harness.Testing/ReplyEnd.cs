namespace Harness.Testing;

/// <summary>What <see cref="ScriptedUpstream"/> does with the connection once a reply's parts are sent.</summary>
public enum ReplyEnd
{
    /// <summary>Keeps it open for the next request (unless the request said <c>Connection: close</c>).</summary>
    KeepOpen,

    /// <summary>Shuts it down both ways: a clean close (FIN).</summary>
    Close,

    /// <summary>Closes it with a reset (RST, linger 0).</summary>
    Reset,

    /// <summary>Never answers further and holds it until the server is disposed.</summary>
    Hang,
}
