namespace Harness.Platform.Local;

/// <summary>A seat for one replica: its supervision loop keeps a replica of <see cref="Spec"/> running until the seat is stopped.</summary>
internal sealed class ReplicaSlot
{
    public ReplicaSlot(FunctionSpec spec) => Spec = spec;

    public FunctionSpec Spec { get; }

    public CancellationTokenSource Stop { get; } = new();

    /// <summary>True once its first replica became ready; false when the seat ended before that.</summary>
    public TaskCompletionSource<bool> FirstReady { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public volatile Replica? Current;

    public Task Loop { get; set; } = Task.CompletedTask;
}
