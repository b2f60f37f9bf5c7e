using System.Text.Json.Nodes;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>The discovery documents kubectl needs to map the kinds Harness writes to resources.</summary>
internal static class FakeDiscovery
{
    private static readonly (string GroupVersion, string Resource, string Kind, bool Namespaced)[] Resources =
    [
        ("v1", "namespaces", "Namespace", false),
        ("v1", "services", "Service", true),
        ("v1", "secrets", "Secret", true),
        ("v1", "pods", "Pod", true),
        ("v1", "serviceaccounts", "ServiceAccount", true),
        ("apps/v1", "deployments", "Deployment", true),
        ("batch/v1", "jobs", "Job", true),
        ("rbac.authorization.k8s.io/v1", "roles", "Role", true),
        ("rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding", true),
        ("discovery.k8s.io/v1", "endpointslices", "EndpointSlice", true),
    ];

    /// <summary>The document for a discovery path, or null when the path is not one.</summary>
    public static JsonObject? For(string path)
    {
        path = path.TrimEnd('/');
        if (path == "/api")
        {
            return new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1"), ["serverAddressByClientCIDRs"] = new JsonArray() };
        }

        if (path == "/apis")
        {
            var groups = new JsonArray();
            foreach (var gv in Resources.Select(r => r.GroupVersion).Where(g => g.Contains('/', StringComparison.Ordinal)).Distinct())
            {
                var version = new JsonObject { ["groupVersion"] = gv, ["version"] = "v1" };
                groups.Add(new JsonObject { ["name"] = gv.Split('/')[0], ["versions"] = new JsonArray(version), ["preferredVersion"] = version.DeepClone() });
            }

            return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
        }

        var groupVersion = path == "/api/v1" ? "v1" : path.StartsWith("/apis/", StringComparison.Ordinal) && path.Count(c => c == '/') == 3 ? path["/apis/".Length..] : null;
        if (groupVersion is null || Resources.All(r => r.GroupVersion != groupVersion))
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var r in Resources.Where(r => r.GroupVersion == groupVersion))
        {
            list.Add(new JsonObject
            {
                ["name"] = r.Resource,
                ["singularName"] = r.Kind.ToLowerInvariant(),
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray("create", "delete", "get", "list", "patch", "update"),
            });
        }

        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = list };
    }
}
