namespace Harness.Platform.Contracts;

/// <summary>
/// An optional ability: where <c>harness build</c>/<c>push</c> put built functions, keyed by the stack's image name.
/// It plays the role of an image registry for the local provider. HTTP: <c>PUT /system/artifacts?image=REF</c>
/// with a gzipped tar of the built function folder (201), <c>GET /system/artifacts</c> (200, JSON list).
/// </summary>
public interface IArtifactStore
{
    /// <summary>
    /// Stores a new version of <paramref name="image"/> from <paramref name="gzippedTar"/> (read to its end, not disposed);
    /// <see cref="ProviderOutcome.Invalid"/> when it is not a gzipped tar. Older versions no function uses may be removed.
    /// </summary>
    Task<ProviderResult> PutAsync(string image, Stream gzippedTar, CancellationToken cancellationToken);

    /// <summary>Every stored version of every image.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(CancellationToken cancellationToken);
}
