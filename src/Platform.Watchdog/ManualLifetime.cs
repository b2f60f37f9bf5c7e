using Microsoft.Extensions.Hosting;

namespace Harness.Watchdog;

/// <summary>A host lifetime that reacts to no signal: <see cref="WatchdogHost"/> runs the OpenFaaS shutdown sequence itself.</summary>
internal sealed class ManualLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
