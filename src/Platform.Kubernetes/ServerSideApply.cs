using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>Server-side apply (<c>PATCH</c> with <c>application/apply-patch+yaml</c>) of the object kinds Harness writes.</summary>
internal static class ServerSideApply
{
    /// <summary>Creates or updates <paramref name="manifest"/>; <c>force</c> takes over fields another manager (e.g. kubectl) set.</summary>
    public static async Task ApplyAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> manifest, string fieldManager, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(manifest);
        var patch = new V1Patch(manifest, V1Patch.PatchType.ApplyPatch);
        var name = manifest.Metadata.Name;
        var ns = manifest.Metadata.NamespaceProperty;
        switch (manifest)
        {
            case V1Deployment:
                await client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case V1Service:
                await client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case V1Secret:
                await client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case V1Namespace:
                await client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case V1ServiceAccount:
                await client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case V1Role:
                await client.RbacAuthorizationV1.PatchNamespacedRoleAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case V1RoleBinding:
                await client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(patch, name, ns, fieldManager: fieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"server-side apply of {manifest.Kind} is not supported");
        }
    }
}
