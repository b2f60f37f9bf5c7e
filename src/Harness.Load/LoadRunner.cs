using System.Diagnostics;
using System.Threading.Channels;
using Harness.Results;

namespace Harness.Load;

/// <summary>Runs scenarios one after the other and returns their results (NBomber's <c>NBomberRunner</c>, reduced).</summary>
public static class LoadRunner
{
    /// <summary>Runs the scenarios in order; throws <see cref="ArgumentException"/> listing every error if one is invalid.</summary>
    public static IReadOnlyList<ScenarioResult> Run(params ScenarioProps[] scenarios)
        => RunAsync(scenarios, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs the scenarios in order until done or cancelled; throws <see cref="ArgumentException"/> listing every error if one is invalid.</summary>
    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(IEnumerable<ScenarioProps> scenarios, CancellationToken cancellationToken)
    {
        var list = scenarios.ToList();
        var errors = list.SelectMany(s => s.Validate().Select(e => $"{s.Name}: {e}")).ToList();
        if (errors.Count > 0)
        {
            throw new ArgumentException("invalid scenario:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(scenarios));
        }

        var results = new List<ScenarioResult>();
        foreach (var s in list)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            results.Add(await RunScenarioAsync(s, new LoadRunOptions(), cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>Runs one validated scenario; on cancellation it stops, and returns what was measured until then.</summary>
    internal static async Task<ScenarioResult> RunScenarioAsync(ScenarioProps scenario, LoadRunOptions options, CancellationToken cancellationToken)
    {
        var (whole, errors) = scenario.BuildShape();
        if (whole is null)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(scenario));
        }

        var shape = whole.For(options.Segment);

        var time = options.Time;
        ILoadExecution executor;
        Func<LoadAggregator, Action?, Task> consumeWith;
        if (EventLoopFor(scenario, options) is { } raw)
        {
            var batches = Channel.CreateUnbounded<SampleBatch>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
            var loops = new EventLoopExecutor(raw, shape, batches.Writer, options.EventLoops);
            executor = loops;
            consumeWith = (agg, after) => agg.ConsumeBatchesAsync(batches.Reader, loops.Return, after);
        }
        else
        {
            var channel = Channel.CreateUnbounded<Sample>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
            executor = new LoadExecutor(scenario.Name, scenario.Step, shape, channel.Writer, time);
            consumeWith = (agg, after) => agg.ConsumeAsync(channel.Reader, after);
        }

        var aggregator = new LoadAggregator(time, () => executor.MainStart);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();

        var snapshots = options.Snapshots is { } sink ? new SnapshotPublisher(aggregator, executor, time, options.SnapshotInterval, sink) : null;
        var consume = Task.Run(() => consumeWith(aggregator, snapshots is null ? null : snapshots.AfterBatch), CancellationToken.None);
        using var progressStop = new CancellationTokenSource();
        var progress = options.Progress is null
            ? Task.CompletedTask
            : ReportProgressAsync(scenario.Name, shape, aggregator, executor, time, options.Progress, progressStop.Token);
        await executor.RunAsync(cancellationToken).ConfigureAwait(false);
        await consume.ConfigureAwait(false);
        await progressStop.CancelAsync().ConfigureAwait(false);
        await progress.ConfigureAwait(false);
        snapshots?.Final();

        return LoadResultBuilder.Build(scenario, shape, aggregator, executor, time, startedAt, time.GetElapsedTime(started), options.Kind);
    }

    /// <summary>
    /// The fast path's step when the scenario's step is <see cref="RawHttpStep.InvokeAsync"/> itself (as <see cref="FixedRequestStep"/>
    /// hands it out) and the event loop can carry it; null leaves the scenario to <see cref="LoadExecutor"/>.
    /// </summary>
    internal static bool UsesEventLoop(ScenarioProps scenario, LoadRunOptions options) => EventLoopFor(scenario, options) is not null;

    private static RawHttpStep? EventLoopFor(ScenarioProps scenario, LoadRunOptions options)
        => options.EventLoop && scenario.Step.Target is RawHttpStep raw && EventLoopExecutor.Unsupported(raw, options.Time) is null ? raw : null;

    private static async Task ReportProgressAsync(
        string name, LoadShape shape, LoadAggregator agg, ILoadExecution executor, TimeProvider time, IProgress<LoadProgress> sink, CancellationToken stop)
    {
        var start = time.GetTimestamp();
        var planned = double.IsPositiveInfinity(shape.Seconds) ? (TimeSpan?)null : shape.WarmUp + TimeSpan.FromSeconds(shape.Seconds);
        long lastRequests = 0;
        var lastAt = start;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stop).ConfigureAwait(false);
                var now = time.GetTimestamp();
                var requests = agg.Requests + agg.WarmUpRequests;
                var seconds = (now - lastAt) / (double)time.TimestampFrequency;
                var rps = seconds > 0 ? (requests - lastRequests) / seconds : 0;
                (lastRequests, lastAt) = (requests, now);
                sink.Report(new LoadProgress(
                    name, time.GetElapsedTime(start), planned, now < executor.MainStart, agg.Requests, agg.Errors, agg.Dropped, executor.InFlight, rps));
            }
        }
        catch (OperationCanceledException)
        {
            Debug.Assert(stop.IsCancellationRequested, "progress stops only when asked");
        }
    }
}
