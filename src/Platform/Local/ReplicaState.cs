namespace Harness.Platform.Local;

/// <summary>Where a replica is in its life.</summary>
internal enum ReplicaState
{
    Starting,
    Ready,
    Stopping,
    Exited,
}
