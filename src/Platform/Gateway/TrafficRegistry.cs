using System.Collections.Concurrent;

namespace Harness.Platform.Gateway;

/// <summary>Every function's <see cref="FunctionTraffic"/>, created on first sight.</summary>
internal sealed class TrafficRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<FunctionKey, FunctionTraffic> _functions = new();

    public FunctionTraffic Get(FunctionKey key) =>
        _functions.TryGetValue(key, out var traffic) ? traffic : _functions.GetOrAdd(key, k => new FunctionTraffic(k, time.GetUtcNow()));

    public FunctionTraffic? Find(FunctionKey key) => _functions.TryGetValue(key, out var traffic) ? traffic : null;

    public void Forget(FunctionKey key) => _functions.TryRemove(key, out _);
}
