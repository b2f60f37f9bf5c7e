namespace Harness.Watchdog.Execution;

/// <summary>The life of a <see cref="ForkServer"/>.</summary>
internal enum ForkServerState
{
    /// <summary>Not started yet.</summary>
    Stopped,

    /// <summary>Started; importing the script.</summary>
    Starting,

    /// <summary>Forking a child per request.</summary>
    Ready,

    /// <summary>Will not be used: the script failed to import or printed while importing, or the server could not start.</summary>
    Declined,

    /// <summary>Exited after it was ready; restarted on a later request.</summary>
    Dead,
}
