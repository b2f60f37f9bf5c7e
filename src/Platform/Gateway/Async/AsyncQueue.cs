using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Harness.Platform.Gateway;

/// <summary>
/// The bounded in-memory queue of async calls: refuses a request when it holds <see cref="AsyncOptions.QueueSize"/>
/// requests or <see cref="AsyncOptions.MaxQueuedBytes"/> body bytes, and counts what each function has waiting and running.
/// </summary>
internal sealed class AsyncQueue
{
    private readonly Channel<QueuedRequest> _channel = Channel.CreateUnbounded<QueuedRequest>(new UnboundedChannelOptions { SingleWriter = false, SingleReader = false });
    private readonly ConcurrentDictionary<FunctionKey, StrongBox> _pending = new();
    private readonly AsyncOptions _options;
    private int _count;
    private long _bytes;

    public AsyncQueue(GatewayOptions options) => _options = options.Async;

    /// <summary>Requests waiting (not yet started), all functions together.</summary>
    public int Depth => Volatile.Read(ref _count);

    /// <summary>Requests of one function waiting or running: the load <c>com.openfaas.scale.type=queue</c> scales on.</summary>
    public int Pending(FunctionKey key) => _pending.TryGetValue(key, out var box) ? Volatile.Read(ref box.Value) : 0;

    /// <summary>Every function with work waiting or running, and how much.</summary>
    public IEnumerable<KeyValuePair<FunctionKey, int>> PendingByFunction() =>
        _pending.Select(p => new KeyValuePair<FunctionKey, int>(p.Key, Volatile.Read(ref p.Value.Value)));

    public bool TryEnqueue(QueuedRequest request)
    {
        if (Interlocked.Increment(ref _count) > _options.QueueSize)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        if (Interlocked.Add(ref _bytes, request.Body.Length) > _options.MaxQueuedBytes && request.Body.Length > 0)
        {
            Interlocked.Add(ref _bytes, -request.Body.Length);
            Interlocked.Decrement(ref _count);
            return false;
        }

        Interlocked.Increment(ref _pending.GetOrAdd(request.Function, _ => new StrongBox()).Value);
        if (_channel.Writer.TryWrite(request))
        {
            return true;
        }

        Finish(request);
        Taken(request);
        return false;
    }

    public async ValueTask<QueuedRequest> DequeueAsync(CancellationToken cancellationToken)
    {
        var request = await _channel.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        Taken(request);
        return request;
    }

    /// <summary>A dequeued request has got its final result (or was dropped): it no longer counts as pending.</summary>
    public void Finish(QueuedRequest request)
    {
        if (_pending.TryGetValue(request.Function, out var box))
        {
            Interlocked.Decrement(ref box.Value);
        }
    }

    private void Taken(QueuedRequest request)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _bytes, -request.Body.Length);
    }

    private sealed class StrongBox
    {
        public int Value;
    }
}
