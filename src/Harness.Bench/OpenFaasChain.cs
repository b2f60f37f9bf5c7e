using System.Diagnostics;
using System.Globalization;

namespace Harness.Bench;

/// <summary>
/// OpenFaaS's invocation chain, gateway → provider → of-watchdog → nginx, running in a network namespace of the
/// bench's own (the gateway listens on fixed ports on every interface). Every process is killed with its tree on dispose.
/// </summary>
internal sealed class OpenFaasChain : IAsyncDisposable
{
    /// <summary>faas-netes's port is 8081, which of-watchdog also takes for its metrics; here they share one loopback.</summary>
    private const int ProviderPort = 8083;
    private const int WatchdogPort = 8084;
    private const string Function = "bench";

    private readonly List<Process> _processes = [];

    private OpenFaasChain(BenchNamespace netns) => Netns = netns;

    public BenchNamespace Netns { get; }

    /// <summary>The function through OpenFaaS's gateway, on the namespace's loopback.</summary>
    public Uri Url { get; } = new($"http://127.0.0.1:8080/function/{Function}");

    public int GatewayPid => _processes[2].Id;

    public int ProviderPid => _processes[1].Id;

    public int WatchdogPid => _processes[0].Id;

    public static async Task<OpenFaasChain> StartAsync(OpenFaasChainBinaries binaries, string scratch, CancellationToken cancellationToken)
    {
        var netns = await BenchNamespace.CreateAsync(cancellationToken).ConfigureAwait(false);
        var chain = new OpenFaasChain(netns);
        try
        {
            var upstream = BenchUpstream.Nginx(scratch) ?? throw new InvalidOperationException("nginx (/usr/sbin/nginx) is needed as the trivial upstream");
            var watchdog = new Dictionary<string, string>(upstream.WatchdogEnvironment)
            {
                ["port"] = WatchdogPort.ToString(CultureInfo.InvariantCulture),
                ["suppress_lock"] = "true", // its lock file is /tmp/.lock, shared with every other of-watchdog on the machine
                ["healthcheck_interval"] = "1",
            };
            chain.Start(binaries.OfWatchdog, watchdog, upstream.WorkingDirectory);
            chain.Start(binaries.Provider, new Dictionary<string, string>
            {
                ["function_name"] = Function,
                ["function_url"] = $"http://127.0.0.1:{WatchdogPort}",
                ["port"] = ProviderPort.ToString(CultureInfo.InvariantCulture),
            }, scratch);
            // As the helm chart deploys it, scale from zero on; basic auth guards only /system/*, not the invoke path.
            chain.Start(binaries.Gateway, new Dictionary<string, string>
            {
                ["functions_provider_url"] = $"http://127.0.0.1:{ProviderPort}/",
                ["scale_from_zero"] = "true",
                ["basic_auth"] = "false",
            }, scratch);
            if (!await netns.WaitOkAsync(chain.Url, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
            {
                var exited = chain._processes.Zip(new[] { binaries.OfWatchdog, binaries.Provider, binaries.Gateway }).Where(p => p.First.HasExited).Select(p => p.Second);
                throw new InvalidOperationException(
                    $"OpenFaaS's chain did not answer 200 on {chain.Url} in its namespace within 30s (exited: {string.Join(", ", exited.DefaultIfEmpty("none"))})");
            }

            return chain;
        }
        catch
        {
            await chain.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            process.Dispose();
        }

        await Netns.DisposeAsync().ConfigureAwait(false);
    }

    private void Start(string binary, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo(binary) { UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        _processes.Add(ChildProcess.Start(Netns.Wrap(info)) ?? throw new InvalidOperationException("could not start " + binary));
    }
}
