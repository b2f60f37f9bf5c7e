namespace Harness.Bench;

/// <summary>
/// One path of <c>bench gateway</c>: where wrk sends its load (inside <paramref name="Netns"/> when given), whether the
/// platform's side runs SCHED_BATCH, the processes counted per request, and the process whose children are the upstream.
/// </summary>
internal sealed record ChainPath(
    string Name, Uri Url, bool Batch, BenchNamespace? Netns, IReadOnlyList<(string Process, int Pid)> Processes, int UpstreamParent);
