using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Gateway;

/// <summary>Wraps a provider and adds <see cref="IReadinessSignal"/>, fired only when a test says so.</summary>
internal sealed class SignallingProvider(IFunctionProvider inner) : IFunctionProvider, IReadinessSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waits;

    /// <summary>How many times the gateway took the signal (once per look at the ready replicas).</summary>
    public int Waits => Volatile.Read(ref _waits);

    public void Signal() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public Task ReadyChanged(string name, string @namespace)
    {
        Interlocked.Increment(ref _waits);
        return Volatile.Read(ref _changed).Task;
    }

    public ProviderInfo Info => inner.Info;
    public Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken) => inner.ListNamespacesAsync(cancellationToken);
    public Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken) => inner.ListAsync(@namespace, cancellationToken);
    public Task<FunctionStatus?> GetAsync(string name, string @namespace, CancellationToken cancellationToken) => inner.GetAsync(name, @namespace, cancellationToken);
    public Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken) => inner.DeployAsync(deployment, cancellationToken);
    public Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken) => inner.UpdateAsync(deployment, cancellationToken);
    public Task<ProviderResult> DeleteAsync(string name, string @namespace, CancellationToken cancellationToken) => inner.DeleteAsync(name, @namespace, cancellationToken);
    public Task<ProviderResult> ScaleAsync(string name, string @namespace, int replicas, CancellationToken cancellationToken) => inner.ScaleAsync(name, @namespace, replicas, cancellationToken);
    public ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name, string @namespace, CancellationToken cancellationToken) => inner.ResolveAsync(name, @namespace, cancellationToken);
    public IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, CancellationToken cancellationToken) => inner.LogsAsync(request, cancellationToken);
}
