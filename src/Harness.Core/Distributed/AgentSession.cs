using Harness.Load;
using Harness.Results;

namespace Harness.Distributed;

/// <summary>
/// One agent's work, independent of the transport: prepare (build the client and the segment's plan), wait at the start
/// barrier, run, and answer polls with what it measured. Thresholds are left to the coordinator, which judges them on the merge.
/// </summary>
internal sealed class AgentSession(TimeProvider time) : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private AgentState state = AgentState.Idle;
    private HttpClient? client;
    private ScenarioProps? props;
    private ExecutionSegment segment = ExecutionSegment.Whole;
    private LoadSnapshot? snapshot;
    private DateTimeOffset? startedAt;
    private ScenarioResult? result;
    private string? error;
    private Task run = Task.CompletedTask;

    /// <summary>Completes when the run has ended (at once when none was started).</summary>
    public Task Completion => run;

    /// <summary>Builds the plan and the client; null when ready, else why not.</summary>
    public string? Prepare(AgentWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (gate)
        {
            if (state != AgentState.Idle)
            {
                return $"prepare: the agent is {state}, not idle";
            }

            if (work.HarnessVersion != AgentJson.Version)
            {
                return Fail($"the coordinator runs harness {work.HarnessVersion} and this agent {AgentJson.Version}: run the same build on both sides");
            }

            if (ExecutionSegment.Parse(work.Segment, out var segmentError) is not { } parsed)
            {
                return Fail(segmentError!);
            }

            if (work.Load.Validate() is { Count: > 0 } invalid)
            {
                return Fail("load: " + string.Join("; ", invalid));
            }

            segment = parsed;
            client = LoadHttpClient.Create(work.Connections, work.VerifyTls);
            var step = new HttpStep(client, work.Request, work.Connections);
            props = LoadScenarioProps.Create(work.Scenario, work.Load, work.Connections, step.InvokeAsync);
            state = AgentState.Ready;
            return null;
        }
    }

    /// <summary>Arms the start barrier; null when armed, else why not.</summary>
    public string? Start(AgentStart start)
    {
        ArgumentNullException.ThrowIfNull(start);
        lock (gate)
        {
            if (state != AgentState.Ready)
            {
                return $"start: the agent is {state}, not ready";
            }

            state = AgentState.Running;
            run = Task.Run(() => RunAsync(start.At), CancellationToken.None);
            return null;
        }
    }

    /// <summary>Stops the run (or the wait at the barrier); what was measured stays.</summary>
    public void Stop() => stop.Cancel();

    /// <summary>The state, with the per-second buckets from <paramref name="fromSecond"/> on.</summary>
    public AgentStatus Status(int fromSecond)
    {
        lock (gate)
        {
            return new AgentStatus
            {
                State = state,
                Segment = segment.ToString(),
                StartedAt = startedAt,
                Snapshot = snapshot?.From(fromSecond),
                Result = result,
                Error = error,
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        await run.ConfigureAwait(false);
        client?.Dispose();
        stop.Dispose();
    }

    private async Task RunAsync(DateTimeOffset at)
    {
        try
        {
            await BarrierAsync(at).ConfigureAwait(false);
            lock (gate)
            {
                startedAt = time.GetUtcNow();
            }

            var options = new LoadRunOptions { Time = time, Segment = segment, Snapshots = Keep };
            var measured = await LoadRunner.RunScenarioAsync(props!, options, stop.Token).ConfigureAwait(false);
            lock (gate)
            {
                result = measured;
                state = AgentState.Done;
            }
        }
#pragma warning disable CA1031 // whatever breaks the run is reported to the coordinator, which decides
        catch (Exception e)
#pragma warning restore CA1031
        {
            lock (gate)
            {
                error = e.Message;
                state = AgentState.Failed;
            }
        }
    }

    private void Keep(LoadSnapshot latest)
    {
        lock (gate)
        {
            snapshot = snapshot is null ? latest : snapshot.Then(latest);
        }
    }

    /// <summary>Sleeps until shortly before the barrier, then yields until it passes: a timer alone wakes late by more than the skew we aim for.</summary>
    private async Task BarrierAsync(DateTimeOffset at)
    {
        var early = at - time.GetUtcNow() - TimeSpan.FromMilliseconds(15);
        if (early > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(early, time, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped at the barrier: the run below ends at once, with nothing measured.
                return;
            }
        }

        while (time.GetUtcNow() < at && !stop.IsCancellationRequested)
        {
            Thread.Yield();
        }
    }

    private string Fail(string why)
    {
        error = why;
        state = AgentState.Failed;
        return why;
    }
}
