namespace Harness.Load;

/// <summary>What the runner, the progress reporter and the result builder read of a running executor, whichever carries the iterations.</summary>
internal interface ILoadExecution
{
    /// <summary>Timestamp at which the measured phase starts (planned, so it is known before any sample).</summary>
    long MainStart { get; }

    /// <summary>Timestamp at which the schedule of the measured phase ended (or the run was stopped).</summary>
    long MainEnd { get; }

    int InFlight { get; }

    int MaxInFlight { get; }

    bool Interrupted { get; }

    long AbandonedArrivals { get; }

    long LeftBehind { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
