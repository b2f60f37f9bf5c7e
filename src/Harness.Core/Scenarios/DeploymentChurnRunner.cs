using System.Diagnostics;
using System.Globalization;
using Harness.Load;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Results;
using Harness.Targets;

namespace Harness.Scenarios;

/// <summary>
/// kube-burner's churn over the gateway API: deploy N functions, then per cycle delete and re-create a share of them and wait;
/// deploy→ready latency comes from polling the gateway (with backoff, under <see cref="ChurnOptions.PollRate"/> reads per second
/// in all), so it measures any provider the same way and reports its own load on the control plane.
/// </summary>
internal sealed class DeploymentChurnRunner : IScenarioRunner
{
    public string Kind => ScenarioKinds.DeploymentChurn;

    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, ScenarioRunContext context, CancellationToken cancellationToken)
    {
        var options = scenario.Churn ?? new ChurnOptions();
        var client = context.Target.Client ?? throw new ScenarioRunException($"{scenario.File}: deployment-churn needs a gateway target");
        var started = context.Time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var ready = LatencyHistogram.Create();
        var churnReady = LatencyHistogram.Create();
        var removed = LatencyHistogram.Create();
        var points = new List<SeriesPoint>();
        var errors = new List<string>();
        long deploys = 0;
        long deletes = 0;
        var names = Enumerable.Range(1, options.Functions).Select(i => $"{options.Prefix}-{i}").ToList();
        var random = new Random(42);
        var cycles = 0;
        var poller = new StatusPoller(client, options.PollRate, context.Time);
        try
        {
            context.Status?.Report($"deploying {names.Count} functions");
            await Task.WhenAll(names.Select(async n =>
            {
                if (await DeployAndWaitAsync(client, poller, n, options, errors, cancellationToken).ConfigureAwait(false) is { } ms)
                {
                    lock (ready)
                    {
                        LatencyHistogram.Record(ready, ms * 1000);
                        points.Add(new SeriesPoint(Math.Round(clock.Elapsed.TotalSeconds, 3), Math.Round(ms, 3)));
                    }
                }

                Interlocked.Increment(ref deploys);
            })).ConfigureAwait(false);

            var perCycle = Math.Max(1, (int)Math.Ceiling(names.Count * options.Percent / 100));
            for (var c = 1; c <= options.Cycles && !cancellationToken.IsCancellationRequested; c++)
            {
                cycles = c;
                context.Status?.Report($"churn cycle {c}/{options.Cycles}: re-creating {perCycle} of {names.Count}");
                var victims = names.OrderBy(_ => random.Next()).Take(perCycle).ToList();
                await Task.WhenAll(victims.Select(async n =>
                {
                    if (await DeleteAndWaitAsync(client, poller, n, options.ReadyTimeout, errors, cancellationToken).ConfigureAwait(false) is { } gone)
                    {
                        lock (removed)
                        {
                            LatencyHistogram.Record(removed, gone * 1000);
                        }
                    }

                    Interlocked.Increment(ref deletes);
                    if (await DeployAndWaitAsync(client, poller, n, options, errors, cancellationToken).ConfigureAwait(false) is { } ms)
                    {
                        lock (ready)
                        {
                            LatencyHistogram.Record(ready, ms * 1000);
                            LatencyHistogram.Record(churnReady, ms * 1000);
                            points.Add(new SeriesPoint(Math.Round(clock.Elapsed.TotalSeconds, 3), Math.Round(ms, 3)));
                        }
                    }

                    Interlocked.Increment(ref deploys);
                })).ConfigureAwait(false);
                await Task.Delay(options.Delay, context.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: report what was measured; the clean-up below still runs.
        }
        finally
        {
            context.Status?.Report("removing churn functions");
            foreach (var n in names)
            {
                try
                {
                    await client.RemoveFunctionAsync(n, null, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or OpenFaasApiException)
                {
                    // Already gone, or the gateway is going down with the run.
                }
            }
        }

        var elapsed = clock.Elapsed;
        var operations = deploys + deletes;
        var errorRate = operations == 0 ? 0 : (double)errors.Count / operations;
        var notes = errors.Distinct().Take(5).ToList();
        if (errorRate > 0.10)
        {
            notes.Add($"error rate {errorRate:P0} is above 10%: kube-burner would discard these latencies; read them with care.");
        }

        return new ScenarioResult
        {
            Name = scenario.Name,
            Kind = Kind,
            Status = ScenarioStatus.Passed,
            Description = scenario.Description,
            ScenarioHash = scenario.Hash,
            StartedAt = started,
            Duration = elapsed,
            LoadModel = string.Create(CultureInfo.InvariantCulture, $"{options.Functions} functions ({options.Image}, fprocess {options.Fprocess}), {cycles} churn cycles of {options.Percent}% with {Durations.Format(options.Delay)} delay; status polled with backoff {StatusPoller.FirstDelay.TotalMilliseconds:0}–{StatusPoller.MaxDelay.TotalMilliseconds:0} ms, at most {options.PollRate:0.#}/s"),
            Metrics = new Dictionary<string, MetricSummary>
            {
                ["deploy_ready"] = MetricHistogram.Summarize(ready),
                ["churn_deploy_ready"] = MetricHistogram.Summarize(churnReady),
                ["delete_gone"] = MetricHistogram.Summarize(removed),
            },
            Counters = new Dictionary<string, long> { ["deploys"] = deploys, ["deletes"] = deletes, ["errors"] = errors.Count, ["cycles"] = cycles, ["status_reads"] = poller.Requests },
            Values = new Dictionary<string, double>
            {
                ["error_rate"] = errorRate,
                // The scenario's own load on the gateway (and on faas-netes, the Kubernetes API): bounded by pollRate.
                ["status_reads_per_s"] = elapsed.TotalSeconds > 0 ? Math.Round(poller.Requests / elapsed.TotalSeconds, 2) : 0,
                ["status_poll_rate_limit"] = options.PollRate,
            },
            Properties = new Dictionary<string, string>
            {
                ["image"] = options.Image,
                ["fprocess"] = options.Fprocess,
                ["readiness_resolution"] = $"deploy_ready and delete_gone are read by polling: each is late by up to the poll gap ({StatusPoller.MaxDelay.TotalMilliseconds:0} ms at most once backed off)",
            },
            Series = [new TimeSeries { Name = "deploy_ready", Unit = "ms", Points = points.OrderBy(p => p.T).ToList() }],
            Notes = notes,
        };
    }

    private static async Task<double?> DeployAndWaitAsync(OpenFaasClient client, StatusPoller poller, string name, ChurnOptions options, List<string> errors, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await client.DeployAsync(new FunctionDeployment
            {
                Service = name,
                Image = options.Image,
                EnvProcess = options.Fprocess,
                Labels = new Dictionary<string, string> { ["harness.churn"] = "true" },
            }, cancellationToken).ConfigureAwait(false);
            await poller.WaitReadyAsync(name, options.ReadyTimeout, cancellationToken).ConfigureAwait(false);
            return clock.Elapsed.TotalMilliseconds;
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException or TimeoutException)
        {
            lock (errors)
            {
                errors.Add($"deploy {name}: {e.Message}");
            }

            return null;
        }
    }

    private static async Task<double?> DeleteAndWaitAsync(OpenFaasClient client, StatusPoller poller, string name, TimeSpan timeout, List<string> errors, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await client.RemoveFunctionAsync(name, null, cancellationToken).ConfigureAwait(false);
            await poller.WaitGoneAsync(name, timeout, cancellationToken).ConfigureAwait(false);
            return clock.Elapsed.TotalMilliseconds;
        }
        catch (Exception e) when (e is HttpRequestException or OpenFaasApiException or TimeoutException)
        {
            lock (errors)
            {
                errors.Add($"delete {name}: {e.Message}");
            }

            return null;
        }
    }
}
