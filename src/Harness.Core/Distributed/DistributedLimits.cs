namespace Harness.Distributed;

/// <summary>Bounds of a distributed run.</summary>
internal static class DistributedLimits
{
    /// <summary>Most agents one coordinator polls (every 500 ms each); beyond it the coordinator itself becomes the bottleneck.</summary>
    public const int MaxAgents = 256;
}
