using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace Harness.Load;

/// <summary>
/// Runs a plan whose every iteration is the same <see cref="RawHttpStep"/> request on one <see cref="EventLoop"/> thread per core
/// instead of tasks on the thread pool: the same plan, latency definition (from the intended start for open models),
/// error kinds, timeouts, dropped and interrupted iterations as <see cref="LoadExecutor"/>, at about wrk's CPU per request.
/// </summary>
/// <remarks>Chosen by <see cref="LoadRunner"/> only for the system clock on Linux x86-64 and an IP address (see <see cref="Unsupported"/>).</remarks>
internal sealed class EventLoopExecutor : ILoadExecution
{
    private readonly ChannelWriter<SampleBatch> writer;
    private readonly ConcurrentQueue<Sample[]> batches = new();
    private readonly int loopCount;
    private readonly int maxConnections;
    private readonly int peakVus;
    private readonly CancellationTokenSource exhausted = new();
    private int inFlight;
    private int maxInFlight;
    private long mainIterations;
    private volatile int target;
    private volatile int phase;
    private volatile bool scheduleDone;
    private long mainStart = long.MaxValue;
    private long mainEnd;

    public EventLoopExecutor(RawHttpStep step, LoadShape shape, ChannelWriter<SampleBatch> writer, int? loops = null)
    {
        Step = step;
        Shape = shape;
        this.writer = writer;
        var steps = shape.Open ? [] : LoadPlan.VuSteps(shape);
        peakVus = steps.Count == 0 ? 0 : steps.Max(s => s.Step.Vus);
        maxConnections = step.CloseEachRequest ? int.MaxValue : step.MaxConnections;
        var count = Math.Clamp(loops ?? Environment.ProcessorCount, 1, 64);
        // No loop without a connection of its own, nor (closed models) without a VU.
        count = Math.Min(count, maxConnections);
        loopCount = shape.Open ? count : Math.Max(1, Math.Min(count, peakVus));
    }

    /// <summary>Null when the event loop can run <paramref name="step"/> under <paramref name="time"/>; otherwise why not.</summary>
    public static string? Unsupported(RawHttpStep step, TimeProvider time)
    {
        if (!EventLoopNative.Supported)
        {
            return "the event loop runs on Linux x86-64 only";
        }

        if (!ReferenceEquals(time, TimeProvider.System))
        {
            return "a test clock (the event loop reads the system's)";
        }

        return step.EventLoopUnsupported;
    }

    public RawHttpStep Step { get; }

    public LoadShape Shape { get; }

    /// <summary>Timestamp of the run's start, from which the plan's offsets count.</summary>
    public long Start { get; private set; }

    /// <summary>An open model's dispatcher stops past this timestamp (planned end + timeout + <see cref="LoadExecutor.OverrunGrace"/>).</summary>
    public long OpenDeadline { get; private set; } = long.MaxValue;

    /// <summary>The closed model's current VU target.</summary>
    public int Target => target;

    /// <summary>The closed model's current phase.</summary>
    public LoadPhase Phase => (LoadPhase)phase;

    /// <summary>True once the closed model's schedule ended (last step, iteration bound or stop).</summary>
    public bool ScheduleDone => scheduleDone;

    public long MainStart => Volatile.Read(ref mainStart);

    public long MainEnd => Volatile.Read(ref mainEnd);

    public int InFlight => Volatile.Read(ref inFlight);

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public bool Interrupted { get; private set; }

    public long AbandonedArrivals { get; private set; }

    /// <summary>Always 0: a loop records every iteration it started, interrupted ones included.</summary>
    public long LeftBehind => 0;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var frequency = Stopwatch.Frequency;
        Start = Stopwatch.GetTimestamp();
        Volatile.Write(ref mainStart, Start + (long)(Shape.WarmUp.TotalSeconds * frequency));
        var planned = Shape.WarmUp.TotalSeconds + Shape.Seconds + Shape.Timeout.TotalSeconds + LoadExecutor.OverrunGrace.TotalSeconds;
        OpenDeadline = double.IsPositiveInfinity(planned) ? long.MaxValue : Start + (long)(planned * frequency);
        var loops = new EventLoop[loopCount];
        var done = new Task[loopCount];
        for (var i = 0; i < loopCount; i++)
        {
            var share = maxConnections == int.MaxValue ? int.MaxValue : maxConnections / loopCount + (i < maxConnections % loopCount ? 1 : 0);
            var loop = loops[i] = new EventLoop(this, i, loopCount, share, peakVus);
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done[i] = finished.Task;
            var thread = new Thread(() =>
            {
                try
                {
                    loop.Run(cancellationToken);
                    finished.SetResult();
                }
#pragma warning disable CA1031 // handed to the awaiting runner, which rethrows it
                catch (Exception e)
#pragma warning restore CA1031
                {
                    finished.SetException(e);
                }
            })
            {
                IsBackground = true,
                Name = $"harness-loop-{i}",
            };
            thread.Start();
        }

        try
        {
            if (!Shape.Open)
            {
                await RunVuScheduleAsync(cancellationToken).ConfigureAwait(false);
            }

            await Task.WhenAll(done).ConfigureAwait(false);
        }
        finally
        {
            scheduleDone = true;
            var ended = loops.Max(l => l.DispatchEnded);
            Volatile.Write(ref mainEnd, Math.Max(ended == 0 ? Stopwatch.GetTimestamp() : ended, MainStart));
            Interrupted = loops.Any(l => l.Stopped);
            if (loops.Any(l => l.Abandoned))
            {
                AbandonedArrivals = Math.Max(0, LoadPlan.PlannedMainArrivals(Shape) - loops.Sum(l => l.MainDispatched));
            }

            writer.TryComplete();
        }
    }

    /// <summary>The closed model's VU steps, in time; the loops read the target and phase they set.</summary>
    private async Task RunVuScheduleAsync(CancellationToken stop)
    {
        var steps = LoadPlan.VuSteps(Shape);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stop, exhausted.Token);
        try
        {
            foreach (var (vuStep, p) in steps)
            {
                var due = Start + (long)(vuStep.AtSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ended.Token).ConfigureAwait(false);
                }

                phase = (int)p;
                target = vuStep.Vus;
            }

            if (steps.Count > 0 && steps[^1].Step.Vus != 0)
            {
                // Only an iteration count bounds this plan: wait for it (or for the stop).
                await Task.Delay(Timeout.Infinite, ended.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }

        target = 0;
        scheduleDone = true;
    }

    /// <summary>An open-model arrival takes a slot, unless <see cref="LoadShape.MaxVus"/> are in flight (then it is dropped).</summary>
    public bool TryEnter()
    {
        var slot = Interlocked.Increment(ref inFlight);
        if (slot > Shape.MaxVus)
        {
            Interlocked.Decrement(ref inFlight);
            return false;
        }

        NoteConcurrency(slot);
        return true;
    }

    /// <summary>A closed-model VU takes a slot for its next iteration, unless the measured phase's iteration bound is reached.</summary>
    public bool TryEnterIteration(LoadPhase p)
    {
        var slot = Interlocked.Increment(ref inFlight);
        if (p == LoadPhase.Main && Shape.MaxIterations is { } max && Interlocked.Increment(ref mainIterations) > max)
        {
            Interlocked.Decrement(ref inFlight);
            if (!exhausted.IsCancellationRequested)
            {
                // Off the loop's thread: the schedule's continuation must not run on it.
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Cancel(), exhausted, preferLocal: false);
            }

            return false;
        }

        NoteConcurrency(slot);
        return true;
    }

    public void Leave() => Interlocked.Decrement(ref inFlight);

    public Sample[] RentBatch() => batches.TryDequeue(out var b) ? b : new Sample[1024];

    /// <summary>The aggregator gives a consumed batch's array back.</summary>
    public void Return(Sample[] items) => batches.Enqueue(items);

    public void Publish(SampleBatch batch) => writer.TryWrite(batch);

    private void NoteConcurrency(int current) => InFlightPeak.Note(ref maxInFlight, current);
}
