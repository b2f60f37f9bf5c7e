using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>A function's recent log lines (bounded), with followers that see every line added after they subscribed.</summary>
internal sealed class LogRing
{
    private readonly Lock _gate = new();
    private readonly LogEntry[] _entries;
    private readonly List<Channel<LogEntry>> _followers = [];
    private long _count;

    public LogRing(int capacity) => _entries = new LogEntry[Math.Max(1, capacity)];

    public void Add(LogEntry entry)
    {
        lock (_gate)
        {
            _entries[_count % _entries.Length] = entry;
            _count++;
            foreach (var f in _followers)
            {
                // Followers have bounded queues that drop their oldest line: a slow reader must not hold up a replica.
                f.Writer.TryWrite(entry);
            }
        }
    }

    /// <summary>Ends every follower (the function was deleted).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var f in _followers)
            {
                f.Writer.TryComplete();
            }

            _followers.Clear();
        }
    }

    public async IAsyncEnumerable<LogEntry> ReadAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<LogEntry> backlog;
        Channel<LogEntry>? follow = null;
        lock (_gate)
        {
            backlog = Snapshot(request);
            if (request.Follow)
            {
                follow = Channel.CreateBounded<LogEntry>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
                _followers.Add(follow);
            }
        }

        try
        {
            foreach (var e in backlog)
            {
                yield return e;
            }

            if (follow is null)
            {
                yield break;
            }

            await foreach (var e in follow.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (Matches(e, request))
                {
                    yield return e;
                }
            }
        }
        finally
        {
            if (follow is not null)
            {
                lock (_gate)
                {
                    _followers.Remove(follow);
                }
            }
        }
    }

    private List<LogEntry> Snapshot(LogRequest request)
    {
        var kept = (int)Math.Min(_count, _entries.Length);
        var list = new List<LogEntry>(kept);
        for (var i = _count - kept; i < _count; i++)
        {
            var e = _entries[i % _entries.Length];
            if (Matches(e, request))
            {
                list.Add(e);
            }
        }

        if (request.Tail is { } tail && tail > 0 && list.Count > tail)
        {
            list.RemoveRange(0, list.Count - tail);
        }

        return list;
    }

    private static bool Matches(LogEntry e, LogRequest request) =>
        (string.IsNullOrEmpty(request.Instance) || e.Instance == request.Instance)
        && (request.Since is not { } since || e.Timestamp >= since);
}
