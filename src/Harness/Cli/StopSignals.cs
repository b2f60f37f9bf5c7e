using System.Runtime.InteropServices;

namespace Harness.Cli;

/// <summary>
/// The one Ctrl-C (SIGINT) and SIGTERM handler of the CLI: either signal cancels <see cref="Token"/> instead of killing
/// the process, so cleanup in finally blocks runs (outputs written, namespaces deleted, sysctls restored, replicas
/// stopped) and the command returns its own exit code (130 for an interrupted run).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignals(CancellationToken outer)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by a signal or by the token the command was given.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>A signal arrived (not merely the outer token).</summary>
    public bool Signalled { get; private set; }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Signalled = true;
        _stop.Cancel();
    }
}
