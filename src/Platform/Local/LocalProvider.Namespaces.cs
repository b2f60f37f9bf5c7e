using Harness.Platform.Contracts;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Local;

/// <summary>The local provider's namespaces (<see cref="INamespaceProvider"/>) and the gateway's notes in function logs.</summary>
public sealed partial class LocalProvider
{
    /// <inheritdoc/>
    public Task<FunctionNamespace?> GetNamespaceAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_namespaces.Get(name));

    /// <inheritdoc/>
    public async Task<ProviderResult> CreateNamespaceAsync(FunctionNamespace spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_namespaces.Exists(spec.Name))
            {
                return ProviderResult.Conflict($"namespace '{spec.Name}' already exists");
            }

            _namespaces.Save(spec);
            _log.LogInformation("local provider: created namespace {Namespace}", spec.Name);
            return ProviderResult.Ok;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> UpdateNamespaceAsync(FunctionNamespace spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_namespaces.Exists(spec.Name))
            {
                return ProviderResult.NotFound($"namespace '{spec.Name}' not found");
            }

            _namespaces.Save(spec);
            return ProviderResult.Ok;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<ProviderResult> DeleteNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_namespaces.Exists(name))
            {
                return ProviderResult.NotFound($"namespace '{name}' not found");
            }

            if (name == PlatformDefaults.FunctionNamespace)
            {
                return ProviderResult.Invalid($"namespace '{name}' is the default function namespace and cannot be removed");
            }

            var functions = _hosts.Values.Count(h => h.Spec.Namespace == name);
            if (functions > 0)
            {
                return ProviderResult.Invalid($"namespace '{name}' still has {functions} function(s); remove them first");
            }

            // Kept secrets would come back in a namespace created later under the same name, for whoever owns it then.
            var secrets = _secrets.List(name);
            if (secrets.Count > 0)
            {
                return ProviderResult.Invalid(
                    $"namespace '{name}' still has {secrets.Count} secret(s) ({string.Join(", ", secrets.Select(s => s.Name))}); remove them first (faas-cli secret remove NAME -n {name})");
            }

            _namespaces.Delete(name);
            _log.LogInformation("local provider: removed namespace {Namespace}", name);
            return ProviderResult.Ok;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <inheritdoc/>
    public bool Note(string name, string @namespace, string text)
    {
        if (Find(name, @namespace) is not { } host)
        {
            return false;
        }

        host.Note("gateway", text, LogLevel.Warning);
        return true;
    }

    private ProviderResult? MissingNamespace(string ns) =>
        _namespaces.Exists(ns)
            ? null
            : ProviderResult.Invalid($"namespace '{ns}' does not exist; create it first (faas-cli namespace create {ns}), as OpenFaaS needs a namespace made for functions");

    // Functions stored before namespaces were kept on their own: their namespace existed then, so it exists now.
    // The same holds for secrets kept in a folder of their namespace's name.
    private void RememberNamespace(string ns)
    {
        if (!_namespaces.Exists(ns))
        {
            _namespaces.Save(new FunctionNamespace { Name = ns });
        }
    }
}
