using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Harness.Load;

/// <summary>Runs a plan against a step and pushes one <see cref="Sample"/> per iteration (or dropped arrival) into a channel.</summary>
/// <remarks>
/// Open models dispatch each arrival at its planned time whatever the system under test does, and stamp the sample with
/// that intended time, so a stall shows as latency instead of silently thinning the load (no coordinated omission).
/// </remarks>
internal sealed class LoadExecutor : ILoadExecution
{
    private readonly string name;
    private readonly Func<ScenarioContext, Task<Response>> step;
    private readonly LoadShape shape;
    private readonly ChannelWriter<Sample> writer;
    private readonly TimeProvider time;
    private readonly double frequency;
    private int inFlight;
    private readonly Lock closing = new();
    private bool closed;
    private int maxInFlight;
    private long invocations;
    private long mainStart = long.MaxValue;
    private long mainEnd;

    public LoadExecutor(string name, Func<ScenarioContext, Task<Response>> step, LoadShape shape, ChannelWriter<Sample> writer, TimeProvider time)
    {
        this.name = name;
        this.step = step;
        this.shape = shape;
        this.writer = writer;
        this.time = time;
        frequency = time.TimestampFrequency;
    }

    /// <summary>Timestamp at which the measured phase starts (planned, so it is known before any sample).</summary>
    public long MainStart => Volatile.Read(ref mainStart);

    /// <summary>Timestamp at which the schedule of the measured phase ended (or the run was stopped).</summary>
    public long MainEnd => Volatile.Read(ref mainEnd);

    public int InFlight => Volatile.Read(ref inFlight);

    public int MaxInFlight => Volatile.Read(ref maxInFlight);

    public bool Interrupted { get; private set; }

    /// <summary>Arrivals the dispatcher never reached because it fell so far behind that it stopped (see <see cref="OverrunGrace"/>).</summary>
    public long AbandonedArrivals { get; private set; }

    /// <summary>
    /// Iterations still running when the run closed (their step ignored its token past the last grace): recorded as
    /// interrupted, so every dispatched iteration is counted exactly once.
    /// </summary>
    public long LeftBehind { get; private set; }

    /// <summary>
    /// How far past its planned end (plus one request timeout) an open model's dispatcher may run before it stops: a
    /// rate the machine cannot keep must not turn a 10 s plan into minutes.
    /// </summary>
    public static readonly TimeSpan OverrunGrace = TimeSpan.FromSeconds(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var hardStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = time.GetTimestamp();
        Volatile.Write(ref mainStart, start + (long)(shape.WarmUp.TotalSeconds * frequency));
        try
        {
            if (shape.Open)
            {
                await RunOpenAsync(start, cancellationToken, hardStop.Token).ConfigureAwait(false);
            }
            else
            {
                await RunClosedAsync(start, cancellationToken, hardStop.Token).ConfigureAwait(false);
            }

            Volatile.Write(ref mainEnd, Math.Max(time.GetTimestamp(), MainStart));
            Interrupted = cancellationToken.IsCancellationRequested;
            if (!Interrupted)
            {
                // Graceful stop: let in-flight iterations finish, for at most one request timeout.
                await WaitForInFlightAsync(shape.Timeout, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (MainEnd == 0)
            {
                Volatile.Write(ref mainEnd, Math.Max(time.GetTimestamp(), MainStart));
            }

            await hardStop.CancelAsync().ConfigureAwait(false);
            // Steps that honour their token end at once; a step that ignores it gets a short grace and is then left behind.
            await WaitForInFlightAsync(TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false);
            lock (closing)
            {
                // Under the lock an iteration either wrote its sample or is counted here, never both or neither.
                closed = true;
                LeftBehind = Volatile.Read(ref inFlight);
                writer.TryComplete();
            }
        }
    }

    private async Task RunOpenAsync(long start, CancellationToken stop, CancellationToken hard)
    {
        var planned = shape.WarmUp.TotalSeconds + shape.Seconds + shape.Timeout.TotalSeconds + OverrunGrace.TotalSeconds;
        var deadline = double.IsPositiveInfinity(planned) ? long.MaxValue : start + (long)(planned * frequency);
        long mainDispatched = 0;
        foreach (var arrival in LoadPlan.Arrivals(shape))
        {
            var due = start + (long)(arrival.AtSeconds * frequency);
            await WaitUntilAsync(due, stop).ConfigureAwait(false);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            if (time.GetTimestamp() > deadline)
            {
                // Behind by more than the plan's timeout and grace: the rest were never sent and count as dropped.
                AbandonedArrivals = Math.Max(0, LoadPlan.PlannedMainArrivals(shape) - mainDispatched);
                return;
            }

            if (arrival.Phase == LoadPhase.Main)
            {
                mainDispatched++;
            }

            var slot = Interlocked.Increment(ref inFlight);
            if (slot > shape.MaxVus)
            {
                Interlocked.Decrement(ref inFlight);
                writer.TryWrite(new Sample(SampleKind.Dropped, arrival.Phase, due, 0, 0, 0, ErrorKind.None, 0));
                continue;
            }

            NoteConcurrency(slot);
            var n = invocations++;
            var phase = arrival.Phase;
            // Off the dispatcher's thread, so a step's synchronous part never delays the next arrival.
            ThreadPool.UnsafeQueueUserWorkItem(
                static s => _ = s.Executor.RunIterationAsync(s.Phase, s.Due, s.N, s.Slot, s.Hard),
                new Work(this, phase, due, n, slot, hard),
                preferLocal: false);
        }
    }

    private sealed record Work(LoadExecutor Executor, LoadPhase Phase, long Due, long N, int Slot, CancellationToken Hard);

    private async Task RunClosedAsync(long start, CancellationToken stop, CancellationToken hard)
    {
        var steps = LoadPlan.VuSteps(shape);
        var peak = steps.Count == 0 ? 0 : steps.Max(s => s.Step.Vus);
        var vus = new ClosedVus(this, peak, shape.MaxIterations, hard);
        using var exhausted = CancellationTokenSource.CreateLinkedTokenSource(stop, vus.Exhausted);
        foreach (var (vuStep, phase) in steps)
        {
            await WaitUntilAsync(start + (long)(vuStep.AtSeconds * frequency), exhausted.Token).ConfigureAwait(false);
            if (exhausted.IsCancellationRequested)
            {
                break;
            }

            vus.SetTarget(vuStep.Vus, phase);
        }

        if (steps.Count > 0 && steps[^1].Step.Vus != 0)
        {
            // Only an iteration count bounds this plan: wait for it (or for the stop).
            await WaitAsync(exhausted.Token).ConfigureAwait(false);
        }

        vus.SetTarget(0, LoadPhase.Main);
    }

    private static async Task WaitAsync(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The looping virtual users of a closed model; VU i runs while i is below the current target.</summary>
    private sealed class ClosedVus(LoadExecutor owner, int peak, long? maxIterations, CancellationToken hard)
    {
        private readonly int[] running = new int[Math.Max(peak, 1)];
        private readonly CancellationTokenSource exhausted = new();
        private int target;
        private int phase;
        private long mainIterations;

        public CancellationToken Exhausted => exhausted.Token;

        public void SetTarget(int vus, LoadPhase newPhase)
        {
            Volatile.Write(ref phase, (int)newPhase);
            Volatile.Write(ref target, vus);
            for (var i = 0; i < vus && i < running.Length; i++)
            {
                if (Interlocked.CompareExchange(ref running[i], 1, 0) == 0)
                {
                    var id = i;
                    ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Vus.LoopAsync(s.Id), (Vus: this, Id: id), preferLocal: false);
                }
            }
        }

        private async Task LoopAsync(int id)
        {
            // One timeout source per VU, reset between iterations: a new linked source per request costs throughput.
            var timeout = CancellationTokenSource.CreateLinkedTokenSource(hard);
            try
            {
                await LoopCoreAsync(id, () => timeout, () =>
                {
                    if (!timeout.TryReset())
                    {
                        timeout.Dispose();
                        timeout = CancellationTokenSource.CreateLinkedTokenSource(hard);
                    }
                }).ConfigureAwait(false);
            }
            finally
            {
                timeout.Dispose();
            }
        }

        private async Task LoopCoreAsync(int id, Func<CancellationTokenSource> timeout, Action renew)
        {
            while (true)
            {
                while (!hard.IsCancellationRequested && !exhausted.IsCancellationRequested && id < Volatile.Read(ref target))
                {
                    var p = (LoadPhase)Volatile.Read(ref phase);
                    // In flight before the bound is checked: once the bound is seen exhausted, every iteration that got
                    // under it is already counted, so the graceful stop waits for it instead of cancelling it.
                    var slot = Interlocked.Increment(ref owner.inFlight);
                    if (p == LoadPhase.Main && maxIterations is { } max && Interlocked.Increment(ref mainIterations) > max)
                    {
                        Interlocked.Decrement(ref owner.inFlight);
                        await exhausted.CancelAsync().ConfigureAwait(false);
                        break;
                    }

                    owner.NoteConcurrency(slot);
                    var n = Interlocked.Increment(ref owner.invocations) - 1;
                    await owner.RunIterationAsync(p, 0, n, id, hard, timeout()).ConfigureAwait(false);
                    renew();
                }

                Volatile.Write(ref running[id], 0);
                // The target may have risen again between the check above and the reset: take the slot back if so.
                if (hard.IsCancellationRequested || exhausted.IsCancellationRequested || id >= Volatile.Read(ref target)
                    || Interlocked.CompareExchange(ref running[id], 1, 0) != 0)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Runs one iteration and records it; <paramref name="intended"/> 0 means "now" (closed models).</summary>
    /// <param name="reusable">A timeout source linked to <paramref name="hard"/> that the caller resets and reuses; null creates one.</param>
    // One pooled state machine per iteration (it used to be two Task-returning layers): this runs once per request.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask RunIterationAsync(LoadPhase phase, long intended, long n, int vu, CancellationToken hard, CancellationTokenSource? reusable = null)
    {
        var cts = reusable ?? CancellationTokenSource.CreateLinkedTokenSource(hard);
        try
        {
            cts.CancelAfter(shape.Timeout);
            var started = time.GetTimestamp();
            if (intended == 0)
            {
                intended = started;
            }

            Response response;
            var kind = SampleKind.Completed;
            try
            {
                response = await step(new ScenarioContext(name, n, vu, phase == LoadPhase.WarmUp, cts.Token)).ConfigureAwait(false);
                if (response.IsError && cts.IsCancellationRequested)
                {
                    response = response with { Error = hard.IsCancellationRequested ? response.Error : ErrorKind.Timeout };
                }
            }
#pragma warning disable CA1031 // whatever the step throws is a failed iteration, never a crashed run
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var timedOut = cts.IsCancellationRequested && !hard.IsCancellationRequested;
                response = Response.Fail(0, ex.Message, ErrorClassifier.Classify(ex, timedOut));
            }

            if (hard.IsCancellationRequested && response.IsError)
            {
                kind = SampleKind.Interrupted;
            }

            var ended = time.GetTimestamp();
            var sample = new Sample(kind, phase, intended, started, ended, response.StatusCode, response.IsError ? (response.Error == ErrorKind.None ? ErrorKind.Other : response.Error) : ErrorKind.None, response.SizeBytes);
            lock (closing)
            {
                if (!closed)
                {
                    writer.TryWrite(sample);
                }

                Interlocked.Decrement(ref inFlight);
            }
        }
        finally
        {
            if (reusable is null)
            {
                cts.Dispose();
            }
        }
    }

    private void NoteConcurrency(int current) => InFlightPeak.Note(ref maxInFlight, current);

    private async Task WaitUntilAsync(long due, CancellationToken token)
    {
        // Only the system clock is spun on: a fake clock moves only when its owner advances it, so spinning on one would
        // never end. Other clocks get the remaining wait as one delay, rounded up to whole milliseconds (timers count
        // those, and FakeTimeProvider drops the rest, which would fire a sub-millisecond delay again and again at once).
        var spin = ReferenceEquals(time, TimeProvider.System);
        while (!token.IsCancellationRequested)
        {
            var remaining = due - time.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var ms = remaining * 1000.0 / frequency;
            if (ms >= 1 || !spin)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(spin ? ms : Math.Ceiling(ms)), time, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            else
            {
                // Timers are too coarse below a millisecond; yield instead of sleeping past the due time.
                Thread.Yield();
            }
        }
    }

    private async Task WaitForInFlightAsync(TimeSpan limit, CancellationToken token)
    {
        var deadline = time.GetTimestamp() + (long)(limit.TotalSeconds * frequency);
        while (Volatile.Read(ref inFlight) > 0 && time.GetTimestamp() < deadline && !token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
