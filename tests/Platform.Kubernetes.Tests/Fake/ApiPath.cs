namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>A Kubernetes REST path split into group/version, namespace, resource, name and subresource.</summary>
internal sealed record ApiPath(string GroupVersion, string? Namespace, string Resource, string? Name, string? Subresource)
{
    public static ApiPath? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        string groupVersion;
        int i;
        if (parts.Length >= 3 && parts[0] == "api") { groupVersion = parts[1]; i = 2; }
        else if (parts.Length >= 4 && parts[0] == "apis") { groupVersion = $"{parts[1]}/{parts[2]}"; i = 3; }
        else
        {
            return null;
        }

        var rest = parts[i..];
        if (rest.Length >= 3 && rest[0] == "namespaces")
        {
            return new ApiPath(groupVersion, rest[1], rest[2], rest.Length > 3 ? rest[3] : null, rest.Length > 4 ? rest[4] : null);
        }

        return rest.Length switch
        {
            1 => new ApiPath(groupVersion, null, rest[0], null, null),
            2 => new ApiPath(groupVersion, null, rest[0], rest[1], null),
            _ => null,
        };
    }
}
