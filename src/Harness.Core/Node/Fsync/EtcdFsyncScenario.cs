using Harness.Node.Access;
using Harness.Node.Etcd;
using Harness.Node.Proc;
using Harness.Platform.Local;
using Harness.Results;

namespace Harness.Node.Fsync;

/// <summary>The etcd-fsync scenario: probe the datastore disk, cross-check with fio, optionally measure a real etcd.</summary>
internal sealed class EtcdFsyncScenario
{
    private const string Stopped = "the run was stopped before this was measured";

    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public EtcdFsyncScenario(TimeProvider time, HttpClient http)
    {
        _time = time;
        _http = http;
    }

    public async Task<ScenarioResult> RunAsync(string name, NodeTarget target, INodeAccess node, EtcdFsyncOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            return Error(name, started, string.Join("; ", errors));
        }

        string? tempDir = null;
        try
        {
            var directory = options.Directory ?? target.DatastoreDir;
            if (directory is null && node.IsLocal)
            {
                tempDir = TemporaryStateFolder.Create("harness-fsync-");
                directory = tempDir;
            }

            directory ??= NodeTarget.K3sDatastoreDir;
            var exists = await node.RunAsync($"[ -d {NodeLimits.ShellQuote(directory)} ] && [ -w {NodeLimits.ShellQuote(directory)} ]", TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (!exists.Succeeded)
            {
                return Error(name, started, $"{directory} on {node.Description} is not a writable directory (set node.datastore_dir in the target, or --dir)");
            }

            var measurements = await MeasureAsync(target, node, directory, options, cancellationToken).ConfigureAwait(false);
            return EtcdFsyncResultBuilder.Build(name, measurements, options, started, _time.GetUtcNow() - started);
        }
        catch (Exception ex) when (ex is NodeAccessException or IOException or InvalidOperationException or TimeoutException or FormatException or HttpRequestException or UnauthorizedAccessException)
        {
            return Error(name, started, ex.Message);
        }
        finally
        {
            if (tempDir is not null)
            {
                Directory.Delete(tempDir, recursive: true);
            }
        }
    }

    private async Task<EtcdFsyncMeasurements> MeasureAsync(NodeTarget target, INodeAccess node, string directory, EtcdFsyncOptions options, CancellationToken cancellationToken)
    {
        var resolved = await node.RunAsync($"readlink -f {NodeLimits.ShellQuote(directory)}", TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var realDir = resolved.Succeeded && resolved.StdOut.Trim().Length > 0 ? resolved.StdOut.Trim() : directory;
        var mounts = await node.ReadFileAsync("/proc/mounts", cancellationToken).ConfigureAwait(false);
        var mount = mounts is null ? null : MountTable.FindFor(MountTable.Parse(mounts), realDir);
        var datastore = await DatastoreDetector.DetectAsync(node, NodeTarget.K3sDatastoreDir, cancellationToken).ConfigureAwait(false);
        var fioCheck = await node.RunAsync("command -v fio", TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var hasFio = fioCheck.Succeeded && fioCheck.StdOut.Trim().Length > 0;

        FsyncProbeResult probe;
        FsyncProbeResult? fio = null;
        string? fioSkipped = null;
        if (node.IsLocal)
        {
            probe = await Task.Run(() => LocalFsyncProbe.Run(directory, options.Probe, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!options.FioCrossCheck)
            {
                fioSkipped = "turned off";
            }
            else if (!hasFio)
            {
                fioSkipped = "fio is not installed";
            }
            else
            {
                try
                {
                    // Sequential, not concurrent: two writers on one disk would each see the other's syncs.
                    fio = await RemoteFsyncProbe.RunAsync(node, directory, options.Probe, fioAvailable: true, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The probe's figures are kept: the run service marks the scenario interrupted.
                    fioSkipped = Stopped;
                }
            }
        }
        else
        {
            probe = await RemoteFsyncProbe.RunAsync(node, directory, options.Probe, hasFio, cancellationToken).ConfigureAwait(false);
            fioSkipped = hasFio ? null : "fio is not installed on the node";
        }

        var measurements = new EtcdFsyncMeasurements
        {
            NodeDescription = node.Description,
            Directory = directory,
            FileSystem = mount?.FileSystem,
            Device = mount?.Device,
            Datastore = datastore,
            Probe = probe,
            Fio = fio,
            FioSkippedReason = fioSkipped,
        };
        if (!options.RealEtcd || cancellationToken.IsCancellationRequested)
        {
            return options.RealEtcd ? measurements with { EtcdSkippedReason = Stopped } : measurements;
        }

        try
        {
            return await MeasureEtcdAsync(measurements, target, node, directory, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return measurements with { EtcdSkippedReason = Stopped };
        }
    }

    private async Task<EtcdFsyncMeasurements> MeasureEtcdAsync(EtcdFsyncMeasurements m, NodeTarget target, INodeAccess node, string directory, EtcdFsyncOptions options, CancellationToken cancellationToken)
    {
        if (target.EtcdEndpoint is { } endpoint)
        {
            var client = new Uri(endpoint);
            var metricsUri = target.EtcdMetricsUrl is { } mu ? new Uri(new Uri(mu), "/metrics") : new Uri(client, "/metrics");
            var before = EtcdDiskMetrics.Parse(await _http.GetStringAsync(metricsUri, cancellationToken).ConfigureAwait(false));
            if (!options.RemotePutLoad)
            {
                return m with { Etcd = before, EtcdSource = metricsUri.ToString(), EtcdCumulative = true };
            }

            var puts = await EtcdPutLoad.RunAsync(_http, client, options.Puts, options.PutConcurrency, options.PutValueBytes, options.PutMaxDuration, cancellationToken).ConfigureAwait(false);
            var after = EtcdDiskMetrics.Parse(await _http.GetStringAsync(metricsUri, cancellationToken).ConfigureAwait(false));
            return m with { Etcd = after.Minus(before), EtcdSource = metricsUri.ToString(), Puts = puts };
        }

        if (!node.IsLocal)
        {
            return m with { EtcdSkippedReason = "the node is remote and the target names no node.etcd.endpoint (the harness does not start etcd on someone else's node)" };
        }

        if (LocalEtcd.FindBinary() is not { } binary)
        {
            return m with { EtcdSkippedReason = "etcd is not installed (Debian: etcd-server)" };
        }

        await using var etcd = await LocalEtcd.StartAsync(binary, directory, _http, _time, cancellationToken).ConfigureAwait(false);
        var metricsUrl = new Uri(etcd.ClientUrl, "/metrics");
        var start = EtcdDiskMetrics.Parse(await _http.GetStringAsync(metricsUrl, cancellationToken).ConfigureAwait(false));
        var load = await EtcdPutLoad.RunAsync(_http, etcd.ClientUrl, options.Puts, options.PutConcurrency, options.PutValueBytes, options.PutMaxDuration, cancellationToken).ConfigureAwait(false);
        var end = EtcdDiskMetrics.Parse(await _http.GetStringAsync(metricsUrl, cancellationToken).ConfigureAwait(false));
        return m with { Etcd = end.Minus(start), EtcdSource = $"local etcd pid {etcd.ProcessId}, data dir in {directory}", Puts = load };
    }

    private ScenarioResult Error(string name, DateTimeOffset started, string message) => new()
    {
        Name = name,
        Kind = EtcdFsyncResultBuilder.Kind,
        Status = ScenarioStatus.Error,
        Error = message,
        StartedAt = started,
        Duration = _time.GetUtcNow() - started,
    };
}
