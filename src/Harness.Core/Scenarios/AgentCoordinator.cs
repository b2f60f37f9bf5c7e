using System.Net.Http.Json;
using System.Security.Cryptography;
using Harness.Distributed;
using Harness.Load;
using Harness.Results;

namespace Harness.Scenarios;

/// <summary>
/// The coordinator of a distributed scenario (the <c>harness run</c> process): starts the agents, hands each its
/// execution segment, releases them together at a start barrier, polls their per-second buckets and HDR snapshots, and
/// merges what they measured into one result. An agent that dies or cannot start marks the scenario as an error, the
/// others are stopped, and everything measured until then is merged and kept; the agents are removed after every outcome.
/// </summary>
internal sealed class AgentCoordinator(IAgentRuntime runtime, TimeProvider time)
{
    /// <summary>How often the agents are polled.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    // Three missed polls in a row (each with its own timeout) and an agent is lost.
    private const int MaxFailedPolls = 3;

    /// <summary>Runs the scenario's load on <paramref name="agents"/> agents against <paramref name="url"/>; thresholds are left to the caller.</summary>
    public async Task<ScenarioResult> RunAsync(ScenarioDefinition scenario, Uri url, bool verifyTls, int agents, IProgress<LoadProgress>? progress, CancellationToken cancellationToken)
    {
        var load = scenario.Load ?? throw new InvalidOperationException($"{scenario.File}: no load section");
        var props = LoadScenarioProps.Create(scenario.Name, load, scenario.Connections, static _ => Task.FromResult(Response.Ok()));
        var (shape, errors) = props.BuildShape();
        if (shape is null)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(scenario));
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var tracks = new List<AgentTrack>();
        DateTimeOffset? barrier = null;
        string? fault = null;
        IAgentPool? pool = null;
        try
        {
            TimeSpan? length = double.IsPositiveInfinity(shape.Seconds) ? null : RunLimit(shape.WarmUp + TimeSpan.FromSeconds(shape.Seconds), shape) + StopLimit(shape);
            pool = await runtime.StartAsync(agents, token, length, cancellationToken).ConfigureAwait(false);
            tracks.AddRange(pool.Agents.Select(a => new AgentTrack(a, new ExecutionSegment(a.Index, agents))));
            await Task.WhenAll(tracks.Select(t => PrepareAsync(t, scenario, url, verifyTls, load, cancellationToken))).ConfigureAwait(false);
            fault = FirstFault(tracks, "could not start");
            if (fault is null && !cancellationToken.IsCancellationRequested)
            {
                // Far enough ahead that every agent has the barrier before it passes, even through a cluster's API server.
                barrier = time.GetUtcNow() + TimeSpan.FromMilliseconds(300 + (20 * agents));
                await Task.WhenAll(tracks.Select(t => StartAsync(t, barrier.Value))).ConfigureAwait(false);
                fault = FirstFault(tracks, "could not start");
                TimeSpan? plan = double.IsPositiveInfinity(shape.Seconds) ? null : shape.WarmUp + TimeSpan.FromSeconds(shape.Seconds);
                fault = await MonitorAsync(tracks, shape, scenario.Name, plan, progress, stopAll: fault is not null, cancellationToken).ConfigureAwait(false) ?? fault;
            }
        }
        catch (AgentStartException e)
        {
            fault = e.Message;
        }
        finally
        {
            await Task.WhenAll(tracks.Select(t => SendAsync(t, "v1/shutdown"))).ConfigureAwait(false);
            if (pool is not null)
            {
                await pool.DisposeAsync().ConfigureAwait(false);
            }
        }

        var snapshots = tracks.Where(t => t.Snapshot is not null).Select(t => t.Snapshot!).ToList();
        var merged = LoadMerge.Merge(props, snapshots, startedAt, time.GetElapsedTime(started), scenario.Kind);
        var result = AgentFigures.Decorate(merged with { Description = scenario.Description, ScenarioHash = scenario.Hash }, tracks, agents, runtime.Name, barrier, fault);
        return pool is { Leftovers.Count: > 0 } ? result with { Notes = [.. result.Notes, .. pool.Leftovers.Select(l => $"Not cleaned up after the run: {l}")] } : result;
    }

    private static async Task PrepareAsync(AgentTrack track, ScenarioDefinition scenario, Uri url, bool verifyTls, LoadOptions load, CancellationToken cancellationToken)
    {
        var work = new AgentWork
        {
            HarnessVersion = AgentJson.Version,
            Scenario = scenario.Name,
            Request = HttpScenarioRunner.Request(scenario, url),
            Load = load,
            Connections = scenario.Connections,
            VerifyTls = verifyTls,
            Segment = track.Segment.ToString(),
        };
        try
        {
            using var response = await track.Endpoint.Client.PostAsJsonAsync("v1/prepare", work, AgentJson.Options, cancellationToken).ConfigureAwait(false);
            var status = await response.Content.ReadFromJsonAsync<AgentStatus>(AgentJson.Options, cancellationToken).ConfigureAwait(false);
            track.State = status?.State ?? AgentState.Failed;
            if (!response.IsSuccessStatusCode || status is null)
            {
                track.Fault = status?.Error ?? $"prepare answered {(int)response.StatusCode}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            track.Fault = $"unreachable: {e.Message}";
        }
    }

    private static async Task StartAsync(AgentTrack track, DateTimeOffset at)
    {
        try
        {
            // Never cancelled: once one agent has the barrier, every other must get it too (or be stopped).
            using var response = await track.Endpoint.Client.PostAsJsonAsync("v1/start", new AgentStart(at), AgentJson.Options, CancellationToken.None).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var status = await response.Content.ReadFromJsonAsync<AgentStatus>(AgentJson.Options, CancellationToken.None).ConfigureAwait(false);
                track.Fault = status?.Error ?? $"start answered {(int)response.StatusCode}";
            }
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            track.Fault = $"unreachable at the start barrier: {e.Message}";
        }
    }

    /// <summary>Polls until every agent has finished or is lost; the first fault (or Ctrl-C) stops the others. Returns the first fault.</summary>
    private async Task<string?> MonitorAsync(
        List<AgentTrack> tracks, LoadShape shape, string name, TimeSpan? plan, IProgress<LoadProgress>? progress, bool stopAll, CancellationToken cancellationToken)
    {
        string? fault = null;
        var stopping = false;
        var begin = time.GetTimestamp();
        // Bounded: the plan, the last requests' timeout, the executor's overrun grace and a margin for the agents' own
        // shutdown; past it the agents still running are lost. Iteration-bound plans wait for the agents or Ctrl-C.
        var limit = RunLimit(plan ?? TimeSpan.Zero, shape);
        var stopLimit = StopLimit(shape);
        long stopAt = 0;
        while (tracks.Any(t => !t.Finished))
        {
            if (!stopping && (stopAll || cancellationToken.IsCancellationRequested || fault is not null))
            {
                stopping = true;
                stopAt = time.GetTimestamp();
                await Task.WhenAll(tracks.Where(t => !t.Finished).Select(t => SendAsync(t, "v1/stop"))).ConfigureAwait(false);
            }

            var overdue = (plan is not null && time.GetElapsedTime(begin) > limit) || (stopping && time.GetElapsedTime(stopAt) > stopLimit);
            await Task.WhenAll(tracks.Where(t => !t.Finished).Select(t => PollAsync(t, overdue))).ConfigureAwait(false);
            fault ??= FirstFault(tracks, "lost");
            progress?.Report(Progress(tracks, name, time.GetElapsedTime(begin), plan));
            if (tracks.Any(t => !t.Finished))
            {
                await Task.Delay(PollInterval, time, CancellationToken.None).ConfigureAwait(false);
            }
        }

        return fault;
    }

    private static TimeSpan RunLimit(TimeSpan plan, LoadShape shape) => plan + shape.Timeout + LoadExecutor.OverrunGrace + TimeSpan.FromSeconds(30);

    private static TimeSpan StopLimit(LoadShape shape) => shape.Timeout + TimeSpan.FromSeconds(15);

    private static async Task PollAsync(AgentTrack track, bool overdue)
    {
        if (track.Endpoint.Exited.IsCompleted)
        {
            // Its last words may still be in the pipe, but what it measured is only what was polled before.
            track.Fault ??= track.Endpoint.Exited.Result;
            return;
        }

        if (overdue)
        {
            track.Fault ??= "did not finish in time";
            return;
        }

        try
        {
            var status = await track.Endpoint.Client.GetFromJsonAsync<AgentStatus>($"v1/status?from={track.NextSecond}", AgentJson.Options, CancellationToken.None).ConfigureAwait(false);
            if (status is not null)
            {
                track.Take(status);
            }
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or TaskCanceledException)
        {
            if (++track.FailedPolls >= MaxFailedPolls)
            {
                track.Fault ??= $"unreachable: {e.Message}";
            }
        }
    }

    private static async Task SendAsync(AgentTrack track, string path)
    {
        if (track.Endpoint.Exited.IsCompleted)
        {
            return;
        }

        try
        {
            using var response = await track.Endpoint.Client.PostAsync(path, content: null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Stop and shutdown are best effort: disposing the pool removes the agent anyway.
        }
    }

    private static string? FirstFault(List<AgentTrack> tracks, string what)
        => tracks.FirstOrDefault(t => t.Fault is not null) is { } t ? $"{t.Endpoint.Name} {what}: {t.Fault}" : null;

    private static LoadProgress Progress(List<AgentTrack> tracks, string name, TimeSpan elapsed, TimeSpan? plan)
    {
        var s = tracks.Select(t => t.Snapshot).Where(x => x is not null).ToList();
        var last = s.Sum(x => x!.Seconds.Count > 1 ? x.Seconds[^2].Requests : 0);
        return new LoadProgress(name, elapsed, plan, s.Count == 0 || s.All(x => x!.WindowSeconds == 0), s.Sum(x => x!.Requests), s.Sum(x => x!.Errors), s.Sum(x => x!.Dropped), 0, last);
    }
}
