namespace Harness.Compliance.Jurisdiction;

/// <summary>A container image name split the way Docker does it: the first part is a registry only if it looks like a host.</summary>
internal sealed record ImageReference(string Image, string Registry, string Repository, bool ImplicitDockerHub)
{
    public const string DockerHub = "docker.io";

    /// <summary>
    /// "your-docker-user/app:1" → docker.io (implicit); "registry.example.no/app" and "localhost:5000/app" → that host.
    /// The first path part is a registry when it contains '.' or ':' or is "localhost" (Docker's rule).
    /// </summary>
    public static ImageReference Parse(string image)
    {
        var trimmed = image.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = trimmed[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
                || first.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                var registry = first.ToLowerInvariant();
                if (registry is "index.docker.io" or "registry-1.docker.io")
                {
                    registry = DockerHub;
                }

                return new ImageReference(trimmed, registry, trimmed[(slash + 1)..], false);
            }
        }

        var repository = slash > 0 ? trimmed : "library/" + trimmed;
        return new ImageReference(trimmed, DockerHub, repository, true);
    }
}
