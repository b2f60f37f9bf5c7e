using System.Globalization;
using System.Net;
using Harness.Node.Access;
using Harness.Results;
using Harness.Sampling;

namespace Harness.Node.Conntrack;

/// <summary>The conntrack scenario: watch a node's table, or churn connections through an isolated lab, optionally reproducing a full table.</summary>
internal sealed class ConntrackScenario
{
    /// <summary>New connections/s in reproduce mode when no rate is given: within what the default table holds, far beyond a lowered one.</summary>
    public const double ReproduceDefaultRate = 1000;
    public const string TimeWaitPath = "/proc/sys/net/netfilter/nf_conntrack_tcp_timeout_time_wait";
    private readonly TimeProvider _time;

    public ConntrackScenario(TimeProvider time) => _time = time;

    /// <summary>Runs the scenario; reproduce mode returns two results (lowered max, then the recommended size).</summary>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(string name, NodeTarget target, INodeAccess node, ConntrackScenarioOptions options, CancellationToken cancellationToken)
    {
        // A stop can land anywhere: in `ip` or nft calls (a killed child is an IOException or InvalidOperationException),
        // or in a churn loop that ends early and quietly. Either way the caller must see a cancellation, not an error
        // result or a short run passed off as a whole one; the lab is gone by then (its DisposeAsync ran).
        IReadOnlyList<ScenarioResult> results;
        try
        {
            results = await RunCoreAsync(name, target, node, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the conntrack scenario was stopped", ex, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return results;
    }

    private async Task<IReadOnlyList<ScenarioResult>> RunCoreAsync(string name, NodeTarget target, INodeAccess node, ConntrackScenarioOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            return [Error(name, started, string.Join("; ", errors))];
        }

        try
        {
            if (!options.Lab)
            {
                return [await ObserveAsync(name, target, node, options, cancellationToken).ConfigureAwait(false)];
            }

            if (!node.IsLocal)
            {
                return [Error(name, started, "--lab runs on the harness machine only: it builds network namespaces here, never on a remote node")];
            }

            if (!IsRoot())
            {
                return [Error(name, started, "--lab needs root (network namespaces, veth, nftables)")];
            }

            if (!options.ReproduceTableFull)
            {
                return [await LabRunAsync(name, options, null, null, cancellationToken).ConfigureAwait(false)];
            }

            // The same offered load twice, so the pair compares table sizes and nothing else: an open model at a fixed rate.
            options = options with { Churn = options.Churn.Rate > 0 ? options.Churn : options.Churn with { Rate = ReproduceDefaultRate } };

            // Before: a table too small for the load. Restored in a finally whatever happens.
            var before = await GlobalConntrackMax.WithTemporaryAsync(options.ReproduceMax,
                original => LabRunAsync(name + " (table too small)", options, options.ReproduceMax, original, cancellationToken)).ConfigureAwait(false);
            var recommended = new ConntrackHeadroom { NewConnectionsPerSecond = options.Churn.Rate, TimeWaitTimeoutSeconds = before.Values.GetValueOrDefault("tcp_timeout_time_wait_s", 120), Max = 0 }.RecommendedMax;
            var after = await GlobalConntrackMax.WithTemporaryAsync(recommended,
                original => LabRunAsync(name + " (recommended size)", options, recommended, original, cancellationToken)).ConfigureAwait(false);
            return [before, after];
        }
        catch (Exception ex) when ((ex is NodeAccessException or IOException or InvalidOperationException or FormatException or UnauthorizedAccessException)
            && !cancellationToken.IsCancellationRequested)
        {
            return [Error(name, started, ex.Message)];
        }
    }

    private async Task<ScenarioResult> ObserveAsync(string name, NodeTarget target, INodeAccess node, ConntrackScenarioOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var interval = options.Churn.SampleInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : options.Churn.SampleInterval;
        var loop = new SamplerLoop([new ConntrackSampler(node)], interval, _time);
        await SampleOnceAsync(loop, cancellationToken).ConfigureAwait(false);
        if (loop.Snapshots[0]["nf_conntrack_max"] is null)
        {
            return Error(name, started, $"{node.Description}: no /proc/sys/net/netfilter/nf_conntrack_max (nf_conntrack is not loaded; nothing is tracked, so there is no table to fill)");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.ObserveDuration);
        await loop.RunAsync(stop.Token, sampleNow: false).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        await SampleOnceAsync(loop, cancellationToken).ConfigureAwait(false);
        var timeWait = ConntrackSampler.ParseLong(await node.ReadFileAsync(TimeWaitPath, cancellationToken).ConfigureAwait(false)) ?? 120;
        var m = new ConntrackMeasurements
        {
            Mode = "node",
            Where = node.Description,
            Samples = loop.Snapshots,
            TimeWaitTimeoutSeconds = timeWait,
            LoadStart = 0,
            LoadEnd = loop.Now,
            ExpectedNewConnectionsPerSecond = target.ExpectedNewConnectionsPerSecond,
        };
        return ConntrackResultBuilder.Build(name, m, started, _time.GetUtcNow() - started);
    }

    private async Task<ScenarioResult> LabRunAsync(string name, ConntrackScenarioOptions options, long? temporaryMax, long? originalMax, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        await using var lab = await ConntrackLab.CreateAsync(cancellationToken).ConfigureAwait(false);
        await using var server = await LabHttpServer.StartAsync(lab.ServerThread!, lab.ServerAddress, ConntrackLab.ServerPort).ConfigureAwait(false);
        var serverNs = new NetnsNodeAccess(lab.ServerThread!);
        var loop = new SamplerLoop([new ConntrackSampler(serverNs)], options.Churn.SampleInterval, _time);
        await SampleOnceAsync(loop, cancellationToken).ConfigureAwait(false);
        var timeWait = ConntrackSampler.ParseLong(await serverNs.ReadFileAsync(TimeWaitPath, cancellationToken).ConfigureAwait(false)) ?? 120;

        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = loop.RunAsync(stopSampling.Token, sampleNow: false);
        var loadStart = loop.Now;
        ChurnResult churn;
        try
        {
            churn = await ChurnClient.RunAsync(lab.ClientThread!, new IPEndPoint(lab.ServerAddress, ConntrackLab.ServerPort), options.Churn, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopSampling.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
        }

        var loadEnd = loop.Now;
        await SampleOnceAsync(loop, cancellationToken).ConfigureAwait(false);
        var m = new ConntrackMeasurements
        {
            Mode = "lab",
            Where = string.Create(CultureInfo.InvariantCulture, $"lab {lab.ServerNs} ← {lab.ClientNs}"),
            Samples = loop.Snapshots,
            TimeWaitTimeoutSeconds = timeWait,
            Churn = churn,
            LoadStart = loadStart,
            LoadEnd = loadEnd,
            TemporaryMax = temporaryMax,
            OriginalMax = originalMax,
        };
        return ConntrackResultBuilder.Build(name, m, started, _time.GetUtcNow() - started);
    }

    // The counters are this scenario's measurement: a sampler that cannot read them (also during the run) fails it.
    private static async Task SampleOnceAsync(SamplerLoop loop, CancellationToken cancellationToken)
    {
        await loop.SampleOnceAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        loop.ThrowIfAnyFailed();
    }

    private static bool IsRoot()
        => File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";

    private ScenarioResult Error(string name, DateTimeOffset started, string message) => new()
    {
        Name = name,
        Kind = ConntrackResultBuilder.Kind,
        Status = ScenarioStatus.Error,
        Error = message,
        StartedAt = started,
        Duration = _time.GetUtcNow() - started,
    };
}
