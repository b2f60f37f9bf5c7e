using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>An immutable snapshot of a function's ready replicas, with the least-in-flight choice.</summary>
internal sealed class ReplicaSet
{
    private int _next;

    public ReplicaSet(ReplicaSlot[] slots, long expiresAt)
    {
        Slots = slots;
        ExpiresAt = expiresAt;
    }

    public ReplicaSlot[] Slots { get; }

    /// <summary>A <see cref="TimeProvider.GetTimestamp"/> value after which the set is resolved again.</summary>
    public long ExpiresAt { get; }

    /// <summary>
    /// The replica with the fewest calls in flight. The scan starts at a rotating index so ties (the usual case at low load)
    /// spread round-robin instead of piling onto the first replica.
    /// </summary>
    public ReplicaSlot? PickLeastInFlight()
    {
        var slots = Slots;
        if (slots.Length == 0)
        {
            return null;
        }

        if (slots.Length == 1)
        {
            return slots[0];
        }

        var start = (int)((uint)Interlocked.Increment(ref _next) % (uint)slots.Length);
        var best = slots[start];
        var bestLoad = best.InFlight;
        for (var i = 1; i < slots.Length && bestLoad > 0; i++)
        {
            var candidate = slots[(start + i) % slots.Length];
            var load = candidate.InFlight;
            if (load < bestLoad)
            {
                best = candidate;
                bestLoad = load;
            }
        }

        return best;
    }

    /// <summary>Builds the next snapshot, keeping the in-flight counters of replicas that are still there.</summary>
    public static ReplicaSet From(IReadOnlyList<FunctionEndpoint> endpoints, ReplicaSet? previous, long expiresAt)
    {
        var slots = new ReplicaSlot[endpoints.Count];
        for (var i = 0; i < slots.Length; i++)
        {
            var endpoint = endpoints[i];
            ReplicaSlot? kept = null;
            if (previous is not null)
            {
                foreach (var old in previous.Slots)
                {
                    if (old.Endpoint == endpoint)
                    {
                        kept = old;
                        break;
                    }
                }
            }

            slots[i] = kept ?? new ReplicaSlot(endpoint);
        }

        return new ReplicaSet(slots, expiresAt);
    }
}
