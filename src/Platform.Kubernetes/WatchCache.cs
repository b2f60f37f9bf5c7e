using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>
/// An informer: one LIST, then a WATCH from its resourceVersion, keeping every object of one kind in memory so reads
/// cost the API server nothing. On an error or a closed watch it lists again after a backoff that doubles up to
/// <see cref="MaxBackoff"/>, so an API outage costs at most one LIST per backoff period.
/// </summary>
internal sealed class WatchCache<T, TList> : IDisposable
    where T : IKubernetesObject<V1ObjectMeta>
    where TList : IKubernetesObject<V1ListMeta>, IItems<T>
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    private readonly Func<CancellationToken, Task<TList>> _list;
    private readonly Func<string?, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> _watch;
    private readonly TimeProvider _time;
    private readonly string _what;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private string? _lastError;
    private bool _healthy;

    /// <param name="list">The LIST call.</param>
    /// <param name="watch">The WATCH call from a resourceVersion.</param>
    public WatchCache(string what, Func<CancellationToken, Task<TList>> list, Func<string?, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> watch, TimeProvider time)
    {
        _what = what;
        _list = list;
        _watch = watch;
        _time = time;
    }

    /// <summary>LISTs made (the first and every re-list), for the API request figures.</summary>
    public long Lists { get; private set; }

    /// <summary>The current objects, once the first LIST has succeeded.</summary>
    /// <exception cref="Contracts.ProviderUnavailableException">The API server could not be listed within <paramref name="wait"/>.</exception>
    public async Task<IReadOnlyCollection<T>> ItemsAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await SyncedAsync(wait, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            return _items.Values.ToList();
        }
    }

    /// <summary>Completes at the next change of any object (or re-list); take it before reading so no change is missed.</summary>
    public Task Changed()
    {
        Start();
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    /// <summary>Waits (bounded) until the cache shows what a write just did, so a read right after a write sees it.</summary>
    public async Task WaitForAsync(Func<IReadOnlyDictionary<string, T>, bool> seen, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (_loop is null)
        {
            return; // nothing reads from the cache yet: its first LIST will see the write
        }

        var deadline = _time.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_healthy && seen(_items))
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = wait - _time.GetElapsedTime(deadline);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.WhenAny(changed, Task.Delay(left, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation.
        }

        _stop.Dispose();
    }

    /// <remarks>
    /// Once listed, the cache keeps answering from what it last saw while the watch reconnects (as an informer does), so
    /// calls to running replicas go on during an API outage; before the first LIST succeeded there is nothing to answer with.
    /// </remarks>
    private async Task SyncedAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Start();
        if (_synced.Task.IsCompleted)
        {
            return;
        }

        if (!_firstAttempt.Task.IsCompleted)
        {
            await Task.WhenAny(_firstAttempt.Task, Task.Delay(wait, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (!_synced.Task.IsCompleted)
        {
            throw new Contracts.ProviderUnavailableException($"the Kubernetes API server cannot be reached (listing {_what}): {_lastError ?? "no answer yet"}");
        }
    }

    private void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_gate)
        {
            _loop ??= Task.Run(() => RunAsync(_stop.Token));
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                Lists++;
                var listed = await _list(stop).ConfigureAwait(false);
                var version = listed.Metadata?.ResourceVersion;
                lock (_gate)
                {
                    _items = listed.Items.ToDictionary(i => i.Metadata.Name, StringComparer.Ordinal);
                    _healthy = true;
                    _lastError = null;
                    SignalLocked();
                }

                _synced.TrySetResult();
                _firstAttempt.TrySetResult();
                failures = 0;
                await foreach (var (type, item) in _watch(version, stop).ConfigureAwait(false))
                {
                    if (type == WatchEventType.Error)
                    {
                        break; // e.g. 410 Gone: the resourceVersion is too old, list again
                    }

                    if (type == WatchEventType.Bookmark || item?.Metadata?.Name is not { } name)
                    {
                        continue;
                    }

                    lock (_gate)
                    {
                        if (type == WatchEventType.Deleted)
                        {
                            _items.Remove(name);
                        }
                        else
                        {
                            _items[name] = item;
                        }

                        SignalLocked();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // any failure of the API connection means: list again later
            catch (Exception e)
#pragma warning restore CA1031
            {
                lock (_gate)
                {
                    _healthy = false;
                    _lastError = KubernetesErrors.Describe(e);
                    SignalLocked();
                }

                _firstAttempt.TrySetResult();

                failures++;
            }

            var backoff = failures == 0 ? FirstBackoff : TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks << Math.Min(failures, 10)));
            try
            {
                await Task.Delay(backoff, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SignalLocked()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
