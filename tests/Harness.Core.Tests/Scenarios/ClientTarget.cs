using Harness.Platform.Client;
using Harness.Results;
using Harness.Targets;

namespace Harness.Core.Tests.Scenarios;

/// <summary>A remote target that is only a client of a scripted gateway.</summary>
internal sealed class ClientTarget(OpenFaasClient client) : IRunTarget
{
    public TargetInfo Info { get; } = new() { Name = "scripted", Kind = "remote", Flavour = "openfaas-pro" };

    public Uri? Gateway => client.Gateway;

    public OpenFaasClient? Client => client;

    public bool VerifyTls => true;

    public Task<IReadOnlyList<Uri>> DirectEndpointsAsync(string function, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Uri>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
