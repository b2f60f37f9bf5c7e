using System.Diagnostics;
using Harness.Platform;
using Harness.Platform.Client;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Bench;

/// <summary>One embedded platform (gateway, local provider, real watchdogs) with the benchmark's function deployed.</summary>
internal sealed class ColdStartPlatform : IAsyncDisposable
{
    public const string Function = "bench-cold";

    private readonly EmbeddedPlatform _platform;
    private readonly OpenFaasClient _client;

    private ColdStartPlatform(EmbeddedPlatform platform, OpenFaasClient client)
    {
        _platform = platform;
        _client = client;
    }

    /// <summary>Starts a platform on its own state folder under <paramref name="scratch"/> and deploys the stack.</summary>
    public static async Task<ColdStartPlatform> StartAsync(ColdStartVariant variant, string scratch, string stackPath, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.Combine(scratch, "platform-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
        {
            Port = 0,
            StateDirectory = Path.Combine(folder, "state"),
            InsecureNoSandbox = variant == ColdStartVariant.Unsandboxed,
            ConfigureLocalProvider = variant.Configure,
        }, cancellationToken).ConfigureAwait(false);
        var client = OpenFaasClient.Create(platform.Url, GatewayCredentials.Basic(platform.Credentials.User, platform.Credentials.Password));
        try
        {
            await StackInstaller.DeployAsync(client, stackPath, Path.Combine(folder, "build"), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            await platform.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new ColdStartPlatform(platform, client);
    }

    /// <summary>Scales to zero, waits until no replica is left, then times one call to its first byte.</summary>
    /// <returns>
    /// The time to the response head, the gateway's own account of how long it held the call (X-Harness-Hold-Ms), and the
    /// CPU the new replica used until then (all its processes, and the part of a host-side monitor), in milliseconds.
    /// </returns>
    public async Task<(double Ttfb, string Hold, double Cpu, double MonitorCpu)> ColdCallAsync(HttpClient http, CancellationToken cancellationToken)
    {
        await _client.ScaleAsync(Function, 0, null, cancellationToken).ConfigureAwait(false);
        var deadline = Stopwatch.StartNew();
        while (await _client.GetFunctionAsync(Function, null, cancellationToken).ConfigureAwait(false) is { } s && (s.Replicas > 0 || s.AvailableReplicas > 0))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{Function} still had replicas 30 s after scaling to zero");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        await WaitForStandbyAsync(cancellationToken).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync(_client.FunctionUrl(Function), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var ttfb = clock.Elapsed.TotalMilliseconds;
        var (cpu, monitorCpu) = OperatingSystem.IsLinux() ? ReplicaStartCpu.Measure(Function) : (double.NaN, double.NaN);
        response.EnsureSuccessStatusCode();
        var hold = response.Headers.TryGetValues("X-Harness-Hold-Ms", out var values) ? values.First() : "?";
        return (ttfb, hold, cpu, monitorCpu);
    }

    /// <summary>
    /// A function scaled to zero is idle for minutes before its next call in real use (the idler's inactivity period),
    /// long enough for the provider to prepare its standby replica when it keeps one; the benchmark waits for that
    /// instead (bounded), so that it times the cold start users get, not a race with the preparation.
    /// </summary>
    private async Task WaitForStandbyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((await _client.GetInfoAsync(cancellationToken).ConfigureAwait(false)).Provider?.Prefork?.StandbyPrepared(Function) is not false)
            {
                return;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What <c>/system/info</c> says runs outside each sandbox (null without a sandbox).</summary>
    public async Task<string?> MonitorAsync(CancellationToken cancellationToken) =>
        (await _client.GetInfoAsync(cancellationToken).ConfigureAwait(false)).Provider?.Sandbox is { Enforced: true } s ? s.Monitor : null;

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _platform.DisposeAsync().ConfigureAwait(false);
    }
}
