namespace Harness.Platform.Local;

/// <summary>
/// The one standby replica a function scaled to zero keeps (see <see cref="LocalProviderOptions.PreforkStandby"/>):
/// started for <see cref="Spec"/>, waiting to be taken by the next scale-up.
/// </summary>
internal sealed class StandbyReplica(Replica replica, FunctionSpec spec)
{
    public Replica Replica { get; } = replica;

    public FunctionSpec Spec { get; } = spec;

    /// <summary>Completes when a replica slot took it into service (from then on the slot's supervisor owns it).</summary>
    public TaskCompletionSource Taken { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
