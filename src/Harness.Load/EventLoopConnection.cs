using System.Net.Sockets;

namespace Harness.Load;

/// <summary>A connection of an event loop and the iteration it carries, if any.</summary>
internal sealed class EventLoopConnection(int slot)
{
    public enum Phase
    {
        Closed,
        Connecting,
        Sending,
        Receiving,
        Idle,
    }

    public int Slot { get; } = slot;

    /// <summary>Bumped per socket, so an event queued for a closed socket is not taken for its successor in the same slot.</summary>
    public uint Generation;
    public Socket? Socket;
    public int Fd = -1;
    public Phase State;
    public bool WantsWrite;
    public bool Reused;
    public int Sent;
    public long ConnectDeadline;
    public EventLoopIteration Iteration;
    public readonly RawHttpResponseReader Reader = new();

    public ulong Token => ((ulong)Generation << 32) | (uint)Slot;
}
