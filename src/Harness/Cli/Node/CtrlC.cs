namespace Harness.Cli.Node;

/// <summary>Turns Ctrl-C into cancellation, so cleanup in finally blocks runs (namespaces deleted, sysctls restored) before exit.</summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource _cts;

    public CtrlC(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _cts.Token;

    public bool Pressed { get; private set; }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _cts.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Pressed = true;
        _cts.Cancel();
    }
}
