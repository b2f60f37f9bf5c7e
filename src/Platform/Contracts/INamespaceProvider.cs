namespace Harness.Platform.Contracts;

/// <summary>
/// A backend whose function namespaces can be read, created, updated and deleted (faas-provider's
/// <c>/system/namespace/{name}</c>); the gateway answers 501 for a backend without it, as faas-netes CE does.
/// </summary>
public interface INamespaceProvider
{
    /// <summary>Null when the namespace does not exist.</summary>
    Task<FunctionNamespace?> GetNamespaceAsync(string name, CancellationToken cancellationToken);

    /// <summary><see cref="ProviderOutcome.Conflict"/> when it exists.</summary>
    Task<ProviderResult> CreateNamespaceAsync(FunctionNamespace spec, CancellationToken cancellationToken);

    /// <summary><see cref="ProviderOutcome.NotFound"/> when it does not exist.</summary>
    Task<ProviderResult> UpdateNamespaceAsync(FunctionNamespace spec, CancellationToken cancellationToken);

    /// <summary><see cref="ProviderOutcome.NotFound"/> when it does not exist; <see cref="ProviderOutcome.Invalid"/> while functions remain in it.</summary>
    Task<ProviderResult> DeleteNamespaceAsync(string name, CancellationToken cancellationToken);
}
