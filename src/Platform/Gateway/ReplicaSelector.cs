using System.Collections.Concurrent;
using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>Caches each function's ready replicas briefly (the provider is asked at most once per TTL) and picks one per call.</summary>
internal sealed class ReplicaSelector(IFunctionProvider provider, GatewayOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<FunctionKey, ReplicaSet> _sets = new();
    private readonly long _ttlTicks = (long)(options.EndpointCacheTtl.TotalSeconds * time.TimestampFrequency);

    /// <summary>The current snapshot, resolved again once it is older than the TTL; may be empty.</summary>
    public async ValueTask<ReplicaSet> GetAsync(FunctionKey key, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_sets.TryGetValue(key, out var set) && now < set.ExpiresAt && set.Slots.Length > 0)
        {
            return set;
        }

        // Once per TTL, on the pool: the caller may be on an I/O thread and the provider may block (see GatewayHost).
        var endpoints = await Task.Run(() => provider.ResolveAsync(key.Name, key.Namespace, cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
        return Publish(key, endpoints);
    }

    /// <summary>Stores a fresh snapshot, for example the one a scale-from-zero hold just saw become ready.</summary>
    public ReplicaSet Publish(FunctionKey key, IReadOnlyList<FunctionEndpoint> endpoints)
    {
        _sets.TryGetValue(key, out var previous);
        var set = ReplicaSet.From(endpoints, previous, time.GetTimestamp() + _ttlTicks);
        _sets[key] = set;
        return set;
    }

    /// <summary>Drops the snapshot so the next call resolves again (a replica refused a connection, or the function changed).</summary>
    public void Invalidate(FunctionKey key) => _sets.TryRemove(key, out _);
}
