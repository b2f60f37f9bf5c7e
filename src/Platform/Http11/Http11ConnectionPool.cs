using System.Collections.Concurrent;

namespace Harness.Platform.Http11;

/// <summary>
/// Idle kept-alive connections per endpoint, newest first. A connection idle longer than <see cref="IdleTimeout"/>
/// is closed by a sweep (OpenFaaS keeps idle connections 90 s, openfaas/faas#1033); one the server closed while idle
/// is dropped when taken. Disposing closes every idle connection.
/// </summary>
internal sealed class Http11ConnectionPool : IDisposable
{
    /// <summary>How long an idle connection is kept.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(90);

    // Like OpenFaaS's MaxIdleConnsPerHost: beyond it, a returned connection is closed rather than kept.
    private const int MaxIdlePerEndpoint = 1024;

    private readonly ConcurrentDictionary<string, IdleStack> _idle = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;
    private volatile bool _disposed;

    public Http11ConnectionPool(TimeProvider time)
    {
        _time = time;
        _sweep = time.CreateTimer(_ => Sweep(), null, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15));
    }

    /// <summary>Idle connections across all endpoints (for tests and diagnostics).</summary>
    public int IdleCount => _idle.Values.Sum(s => s.Count);

    /// <summary>An idle connection to <paramref name="endpoint"/>, or a new one.</summary>
    public async ValueTask<Http11Connection> RentAsync(Http11Endpoint endpoint, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryGetValue(endpoint.Key, out var stack))
        {
            while (stack.TryPop() is { } candidate)
            {
                if (!candidate.ClosedWhileIdle())
                {
                    return candidate;
                }

                candidate.Dispose();
            }
        }

        var socket = await endpoint.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return new Http11Connection(socket);
    }

    /// <summary>Keeps <paramref name="connection"/> for the next request when it can carry one, else closes it.</summary>
    public void Return(Http11Endpoint endpoint, Http11Connection connection)
    {
        if (!_disposed && connection.CanReuse)
        {
            connection.IdleSince = _time.GetTimestamp();
            while (!_disposed)
            {
                var stack = _idle.GetOrAdd(endpoint.Key, static _ => new IdleStack());
                switch (stack.TryPush(connection))
                {
                    case IdleStack.PushResult.Kept:
                        return;
                    case IdleStack.PushResult.Full:
                        connection.Dispose();
                        return;
                }

                // Retired by a sweep between the lookup and the push: take the stack that replaced it.
            }
        }

        connection.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        _sweep.Dispose();
        Sweep();
    }

    private void Sweep()
    {
        var now = _time.GetTimestamp();
        foreach (var (key, stack) in _idle)
        {
            var closing = stack.RemoveIdle(c => _disposed || _time.GetElapsedTime(c.IdleSince, now) >= IdleTimeout, out var retired);
            if (retired)
            {
                _idle.TryRemove(new KeyValuePair<string, IdleStack>(key, stack));
            }

            foreach (var connection in closing)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>One endpoint's idle connections; retired (never used again) once a sweep leaves it empty.</summary>
    private sealed class IdleStack
    {
        private readonly Stack<Http11Connection> _stack = new();
        private bool _retired;

        public enum PushResult
        {
            Kept,
            Full,
            Retired,
        }

        public int Count
        {
            get
            {
                lock (_stack)
                {
                    return _stack.Count;
                }
            }
        }

        public Http11Connection? TryPop()
        {
            lock (_stack)
            {
                return _stack.TryPop(out var connection) ? connection : null;
            }
        }

        public PushResult TryPush(Http11Connection connection)
        {
            lock (_stack)
            {
                if (_retired)
                {
                    return PushResult.Retired;
                }

                if (_stack.Count >= MaxIdlePerEndpoint)
                {
                    return PushResult.Full;
                }

                _stack.Push(connection);
                return PushResult.Kept;
            }
        }

        public List<Http11Connection> RemoveIdle(Func<Http11Connection, bool> expired, out bool retired)
        {
            lock (_stack)
            {
                var all = _stack.ToArray();
                var closing = all.Where(expired).ToList();
                if (closing.Count > 0)
                {
                    _stack.Clear();
                    // ToArray lists newest first; pushing oldest first keeps that order.
                    foreach (var connection in all.Except(closing).Reverse())
                    {
                        _stack.Push(connection);
                    }
                }

                _retired = _stack.Count == 0;
                retired = _retired;
                return closing;
            }
        }
    }
}
