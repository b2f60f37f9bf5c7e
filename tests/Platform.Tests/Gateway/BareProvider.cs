using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Gateway;

/// <summary>A provider with only the core contract (no secrets, no artifact store), to check the 501 answers.</summary>
internal sealed class BareProvider(IFunctionProvider inner) : IFunctionProvider
{
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
