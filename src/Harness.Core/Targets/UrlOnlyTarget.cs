using Harness.Results;

namespace Harness.Targets;

/// <summary>The target of a run whose scenarios all name plain URLs: nothing to start or stop.</summary>
internal sealed class UrlOnlyTarget : IRunTarget
{
    public TargetInfo Info { get; } = new() { Name = "urls", Kind = "urls" };

    public Uri? Gateway => null;

    public Platform.Client.OpenFaasClient? Client => null;

    public bool VerifyTls => true;

    public Task<IReadOnlyList<Uri>> DirectEndpointsAsync(string function, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<Uri>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
