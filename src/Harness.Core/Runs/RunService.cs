using Harness.Load;
using Harness.Results;
using Harness.Scenarios;
using Harness.Targets;

namespace Harness.Runs;

/// <summary>The library behind <c>harness run</c>: brings the target up, runs each scenario, writes results.json, junit.xml and the report.</summary>
/// <remarks>
/// On cancellation the current scenario returns what it measured, the rest are marked skipped, and the outputs are still written.
/// After each scenario results.json and the history row are rewritten whole (an interrupted checkpoint), so a run killed
/// outright loses at most the scenario that was running. A file that cannot be written (a full disk) is an error that
/// names it and fails the run; nothing partial is left.
/// </remarks>
internal sealed class RunService(IReadOnlyList<IScenarioRunner> runners)
{
    public static RunService Default { get; } = new([
        new HttpScenarioRunner(),
        new ThroughputRunner(),
        new CapacityRunner(),
        new ColdStartRunner(),
        new ConnectionChurnRunner(),
        new DeploymentChurnRunner(),
        new Node.Scenarios.NodeScenarioRunner(ScenarioKinds.EtcdFsync),
        new Node.Scenarios.NodeScenarioRunner(ScenarioKinds.Conntrack),
        new Node.Scenarios.NodeScenarioRunner(ScenarioKinds.NodeAudit),
    ]);

    public IReadOnlyList<string> Kinds => runners.Select(r => r.Kind).ToList();

    public async Task<RunOutcome> RunAsync(RunRequest request, IRunObserver observer, CancellationToken cancellationToken)
    {
        var time = request.Time;
        var startedAt = time.GetUtcNow();
        var runId = RunIds.New(startedAt);
        var results = new List<ScenarioResult>();
        var warnings = new List<string>();
        var outputs = new RunOutputs(request);
        outputs.RemoveStaleTemporaries();
        TargetInfo targetInfo = new() { Name = "none", Kind = "none" };
        IRunTarget? target = null;
        ComplianceResult? compliance = null;
        try
        {
            target = await request.StartTarget(cancellationToken).ConfigureAwait(false);
            targetInfo = target.Info;
            warnings.AddRange(targetInfo.Warnings);
            for (var i = 0; i < request.Scenarios.Count; i++)
            {
                var scenario = request.Scenarios[i];
                if (cancellationToken.IsCancellationRequested)
                {
                    results.Add(Skipped(scenario, "the run was stopped before this scenario", time));
                    continue;
                }

                observer.ScenarioStarting(scenario, i, request.Scenarios.Count);
                var result = await RunOneAsync(scenario, target, observer, time, cancellationToken, request.TargetNode, request.Distributed.GetValueOrDefault(scenario.Name)).ConfigureAwait(false);
                results.Add(result);
                observer.ScenarioFinished(scenario, result);
                if (i < request.Scenarios.Count - 1)
                {
                    outputs.Checkpoint(Summary(runId, startedAt, request, targetInfo, results, compliance: null, interrupted: true, time,
                        [.. request.Scenarios.Skip(results.Count).Select(s => Skipped(s, "not run yet when the run ended (it was killed or did not finish)", time))]));
                }
            }

            if (request.Compliance is { } check && !cancellationToken.IsCancellationRequested)
            {
                compliance = await CheckComplianceAsync(check, target, warnings, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // The target did not come up (or the run was stopped while it did): every scenario is reported, none silently lost.
            var reason = e is OperationCanceledException ? "the run was stopped" : $"target: {e.Message}";
            foreach (var s in request.Scenarios.Skip(results.Count))
            {
                results.Add(e is OperationCanceledException ? Skipped(s, reason, time) : Errored(s, reason, time));
            }
        }
        finally
        {
            if (target is not null)
            {
                await target.DisposeAsync().ConfigureAwait(false);
            }
        }

        var summary = Summary(runId, startedAt, request, targetInfo, results, compliance, cancellationToken.IsCancellationRequested, time, []);
        for (var i = 0; i < warnings.Count; i++)
        {
            warnings[i] = Harness.Results.Redaction.SecretRedactor.Redact(warnings[i])!;
        }

        var (comparison, trends) = outputs.RecordHistory(summary, warnings);
        var files = await WriteOutputsAsync(summary, request, outputs, comparison, trends).ConfigureAwait(false);
        if (request.HistoryFile is { } historyFile && File.Exists(historyFile) && !outputs.Errors.Any(e => e.File == historyFile))
        {
            files.Add(historyFile);
        }

        return new RunOutcome(summary, files, warnings, comparison, request.FailOnRegression)
        {
            WriteErrors = outputs.Errors,
            Stopped = cancellationToken.IsCancellationRequested,
        };
    }

    private static RunSummary Summary(string runId, DateTimeOffset startedAt, RunRequest request, TargetInfo target, List<ScenarioResult> results,
        ComplianceResult? compliance, bool interrupted, TimeProvider time, IReadOnlyList<ScenarioResult> notRun) =>
        // Redacted once, here: checkpoints, the history, results.json, junit.xml, the report and the console all show this copy.
        Harness.Results.JsonRedaction.Redact(new RunSummary
        {
            RunId = runId,
            StartedAt = startedAt,
            FinishedAt = time.GetUtcNow(),
            Profile = request.Profile,
            Target = target,
            Environment = WithTargetVersions(EnvironmentProbe.Collect(), target),
            Scenarios = [.. results, .. notRun],
            Compliance = compliance,
            Interrupted = interrupted,
        });

    private async Task<ScenarioResult> RunOneAsync(ScenarioDefinition scenario, IRunTarget target, IRunObserver observer, TimeProvider time, CancellationToken cancellationToken, Node.Access.NodeTarget? targetNode = null, Distributed.DistributedLoad? distributed = null)
    {
        var runner = runners.FirstOrDefault(r => r.Kind == scenario.Kind);
        if (runner is null)
        {
            return Errored(scenario, $"no runner for kind '{scenario.Kind}' in this build", time);
        }

        var context = new ScenarioRunContext
        {
            Target = target,
            TargetNode = targetNode,
            Distributed = distributed,
            Time = time,
            Progress = new Forward<LoadProgress>(p => observer.Progress(scenario, p)),
            Status = new Forward<string>(s => observer.Status(scenario, s)),
        };
        var started = time.GetUtcNow();
        try
        {
            if (await ScenarioPreflight.CheckAsync(scenario, context, cancellationToken).ConfigureAwait(false) is { } reason)
            {
                // Nothing was sent: the target cannot serve this scenario, and the others still run.
                return Skipped(scenario, reason, time) with { Status = ScenarioStatus.CouldNotRun, StartedAt = started, Duration = time.GetUtcNow() - started };
            }

            // Thresholds are judged here, for every kind (node scenarios included), before the interrupted rule below.
            var result = ScenarioThresholds.Apply(scenario, await runner.RunAsync(scenario, context, cancellationToken).ConfigureAwait(false));
            if (distributed is { Options.IsDistributed: true } && result.Distributed is null)
            {
                // RunDistribution refuses agents for the kinds that are not spread; should a runner still not use them, a user
                // who asked for agents must not read one process as N.
                result = result with { Notes = [.. result.Notes, $"Agents were asked for, but this '{scenario.Kind}' scenario ran in the coordinator process alone."] };
            }

            // Stopped part-way, a scenario measured only part of its plan: it neither passed nor failed.
            return cancellationToken.IsCancellationRequested && result.Status is ScenarioStatus.Passed or ScenarioStatus.Failed
                ? result with { Status = ScenarioStatus.Interrupted }
                : result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Skipped(scenario, "stopped before it measured anything", time) with { StartedAt = started };
        }
#pragma warning disable CA1031 // one scenario that cannot run must not take the others (or the written results) with it
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Errored(scenario, e.Message, time) with { StartedAt = started, Duration = time.GetUtcNow() - started };
        }
    }

    private static async Task<ComplianceResult?> CheckComplianceAsync(
        Func<IRunTarget, CancellationToken, Task<ComplianceResult>> check, IRunTarget target, List<string> warnings, CancellationToken cancellationToken)
    {
        try
        {
            return await check(target, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            warnings.Add($"compliance check not run: {e.Message}");
            return null;
        }
    }

    private static async Task<List<string>> WriteOutputsAsync(RunSummary summary, RunRequest request, RunOutputs outputs, History.Comparison? comparison, IReadOnlyList<Reports.Model.TrendPoint> trends)
    {
        var results = Path.Combine(request.OutputDirectory, "results.json");
        var junit = Path.Combine(request.OutputDirectory, "junit.xml");
        var files = new List<string>();
        // Never cancelled: after Ctrl-C, what was measured is still written.
        if (await outputs.TryWriteAsync(results, () => RunSummaryJson.WriteAsync(summary, results, CancellationToken.None)).ConfigureAwait(false))
        {
            files.Add(results);
        }

        var junitDocument = JUnitWriter.Build(summary, comparison?.Metrics);
        if (await outputs.TryWriteAsync(junit, () => JUnitWriter.WriteAsync(junitDocument, junit, CancellationToken.None)).ConfigureAwait(false))
        {
            files.Add(junit);
        }

        if (request.WriteReport is { } report)
        {
            var pdf = Path.Combine(request.OutputDirectory, "report.pdf");
            // A report that cannot be drawn or written must not lose the measurements already written, but it is an
            // error: the user asked for it and does not have it.
            await outputs.TryWriteAsync(pdf, () =>
            {
                files.AddRange(report(summary, request.OutputDirectory, new Reports.Model.ReportOptions
                {
                    Trends = trends,
                    BaselineRunId = comparison?.Baseline.RunId,
                    Regressions = comparison?.Metrics.Select(m => new Reports.Model.RegressionVerdict(m.Scenario, m.Metric,
                        History.VerdictWords.Word(m.Verdict), m.Verdict == History.Verdict.Regression, m.Message)).ToList() ?? [],
                }));
                return Task.CompletedTask;
            }, anyError: true).ConfigureAwait(false);
        }

        return files;
    }

    private static EnvironmentInfo WithTargetVersions(EnvironmentInfo environment, TargetInfo target)
    {
        var versions = new SortedDictionary<string, string>(environment.Versions.ToDictionary(), StringComparer.Ordinal);
        foreach (var (k, v) in GatewayFlavour.Versions(target))
        {
            versions[k] = v;
        }

        return environment with { Versions = versions };
    }

    private static ScenarioResult Skipped(ScenarioDefinition s, string why, TimeProvider time) => new()
    {
        Name = s.Name,
        Kind = s.Kind,
        Status = ScenarioStatus.Skipped,
        Error = why,
        Description = s.Description,
        ScenarioHash = s.Hash,
        StartedAt = time.GetUtcNow(),
    };

    private static ScenarioResult Errored(ScenarioDefinition s, string why, TimeProvider time)
        => Skipped(s, why, time) with { Status = ScenarioStatus.Error };

    private sealed class Forward<T>(Action<T> action) : IProgress<T>
    {
        public void Report(T value) => action(value);
    }
}
