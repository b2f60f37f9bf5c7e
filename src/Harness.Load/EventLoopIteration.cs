namespace Harness.Load;

/// <summary>One iteration inside an event loop: when it was meant to start and did, when it times out, its VU (-1 for open models) and phase.</summary>
internal struct EventLoopIteration
{
    public long Intended;
    public long Started;
    public long Deadline;
    public int Vu;
    public LoadPhase Phase;
    /// <summary>Set once the iteration moved to a new connection after a pooled one turned out closed (done at most once, as HttpClient).</summary>
    public bool Retried;
}
