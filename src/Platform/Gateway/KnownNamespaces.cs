using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>
/// Refuses a read that names a namespace the provider does not have, as faasd does (400 <c>namespace not valid</c>):
/// an empty list for a mistyped namespace would look like "no functions there".
/// </summary>
internal static class KnownNamespaces
{
    /// <summary>The reason to answer 400, or null when <paramref name="ns"/> exists. The default namespace always counts as existing.</summary>
    public static async Task<string?> ProblemAsync(IFunctionProvider provider, string ns, CancellationToken cancellationToken)
    {
        if (ns == PlatformDefaults.FunctionNamespace)
        {
            return null;
        }

        var exists = provider is INamespaceProvider namespaces
            ? await namespaces.GetNamespaceAsync(ns, cancellationToken).ConfigureAwait(false) is not null
            : (await provider.ListNamespacesAsync(cancellationToken).ConfigureAwait(false)).Contains(ns, StringComparer.Ordinal);
        return exists ? null : $"namespace not valid: '{ns}' does not exist (GET /system/namespaces lists them)";
    }
}
