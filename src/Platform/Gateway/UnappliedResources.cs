using Harness.Platform.Contracts;

namespace Harness.Platform.Gateway;

/// <summary>
/// Warns about resources in <c>limits</c>/<c>requests</c> other than memory and cpu (<c>nvidia.com/gpu</c>): OpenFaaS
/// passes them on to Kubernetes, Harness's providers apply none, and a deploy that silently lost a GPU limit would look
/// like it had one.
/// </summary>
internal static class UnappliedResources
{
    public static IEnumerable<string> Check(FunctionDeployment deployment)
    {
        foreach (var (field, resources) in new[] { ("limits", deployment.Limits), ("requests", deployment.Requests) })
        {
            foreach (var key in resources?.Other?.Keys ?? [])
            {
                yield return $"{field}.{key} is not applied: Harness's providers apply only memory and cpu; the value is accepted and ignored";
            }
        }
    }
}
