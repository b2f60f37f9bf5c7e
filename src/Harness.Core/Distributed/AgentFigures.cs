using System.Globalization;
using Harness.Results;

namespace Harness.Distributed;

/// <summary>The per-agent side of a merged result: shares, achieved rates, drops, start skew, and the fault that marks the run.</summary>
internal static class AgentFigures
{
    public static ScenarioResult Decorate(ScenarioResult merged, IReadOnlyList<AgentTrack> tracks, int agents, string runtime, DateTimeOffset? barrier, string? fault)
    {
        var shares = Enumerable.Range(0, agents).Select(i => Share(i, agents, tracks.FirstOrDefault(t => t.Endpoint.Index == i), barrier)).ToList();
        var starts = tracks.Where(t => t.StartedAt is not null).Select(t => t.StartedAt!.Value).ToList();
        double? skew = starts.Count == 0 ? null : Math.Round((starts.Max() - starts.Min()).TotalMilliseconds, 3);
        var distributed = new DistributedRun { Agents = agents, Runtime = runtime, StartSkewMs = skew, ReleasedAt = barrier, Shares = shares };

        var values = new SortedDictionary<string, double>(merged.Values.ToDictionary(), StringComparer.Ordinal) { ["agents"] = agents };
        if (skew is { } k)
        {
            values["agent_start_skew_ms"] = k;
        }

        var properties = new SortedDictionary<string, string>(merged.Properties.ToDictionary(), StringComparer.Ordinal)
        {
            ["agents"] = agents.ToString(CultureInfo.InvariantCulture),
            ["agent_runtime"] = runtime,
        };
        var notes = new List<string>(merged.Notes);
        foreach (var t in tracks.Where(t => t.Result is not null))
        {
            notes.AddRange(t.Result!.Notes.Select(n => $"{t.Endpoint.Name}: {n}"));
        }

        if (skew is > 50)
        {
            notes.Add($"The agents started {skew:0.#} ms apart (target: under 50 ms): the first seconds of the series carry less load than planned.");
        }

        var result = merged with
        {
            LoadModel = $"{merged.LoadModel}, {agents} agents ({runtime})",
            Values = values,
            Properties = properties,
            Distributed = distributed,
            Tables = [.. merged.Tables, Table(distributed)],
            Notes = notes,
        };
        if (fault is not null)
        {
            result = result with
            {
                Status = ScenarioStatus.Error,
                Error = $"{fault}; the other agents were stopped, and what every agent measured until then is merged and kept",
            };
        }

        return result;
    }

    private static AgentShare Share(int index, int agents, AgentTrack? track, DateTimeOffset? barrier)
    {
        var snapshot = track?.Snapshot;
        var window = snapshot?.WindowSeconds ?? 0;
        return new AgentShare
        {
            Index = index,
            Segment = new Load.ExecutionSegment(index, agents).ToString(),
            Share = 1.0 / agents,
            Status = track is null || track.State == Distributed.AgentState.Idle && track.Fault is null ? "not-started"
                : track.Fault is not null ? (track.State == Distributed.AgentState.Failed ? "failed" : "lost")
                : track.State == Distributed.AgentState.Done ? "done" : "lost",
            Requests = snapshot?.Requests ?? 0,
            Errors = snapshot?.Errors ?? 0,
            Dropped = (snapshot?.Dropped ?? 0) + (snapshot?.AbandonedArrivals ?? 0),
            Rps = window > 0 ? Math.Round((snapshot?.Requests ?? 0) / window, 3) : 0,
            StartOffsetMs = track?.StartedAt is { } s && barrier is { } b ? Math.Round((s - b).TotalMilliseconds, 3) : null,
            Error = track?.Fault,
        };
    }

    private static ResultTable Table(DistributedRun run) => new()
    {
        Title = $"Agents ({run.Runtime}), start skew {(run.StartSkewMs is { } k ? k.ToString("0.#", CultureInfo.InvariantCulture) + " ms" : "n/a")}",
        Columns = ["agent", "segment", "status", "requests", "req/s", "errors", "dropped", "start +ms"],
        Rows = [.. run.Shares.Select(s => (IReadOnlyList<string>)
        [
            s.Index.ToString(CultureInfo.InvariantCulture),
            s.Segment,
            s.Error is null ? s.Status : $"{s.Status}: {s.Error}",
            s.Requests.ToString(CultureInfo.InvariantCulture),
            s.Rps.ToString("0.#", CultureInfo.InvariantCulture),
            s.Errors.ToString(CultureInfo.InvariantCulture),
            s.Dropped.ToString(CultureInfo.InvariantCulture),
            s.StartOffsetMs is { } o ? o.ToString("0.##", CultureInfo.InvariantCulture) : "",
        ])],
        Source = "each agent's own counters; the scenario's figures above are the merge of every agent's HDR histograms",
    };
}
