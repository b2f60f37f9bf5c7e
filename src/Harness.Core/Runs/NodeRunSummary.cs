using System.Runtime.InteropServices;
using Harness.Node.Access;
using Harness.Results;

namespace Harness.Runs;

/// <summary>Wraps node scenario results into a <c>results.json</c> run summary, for the standalone <c>harness node …</c> commands.</summary>
internal static class NodeRunSummary
{
    public static RunSummary Create(IReadOnlyList<ScenarioResult> scenarios, NodeTarget target, INodeAccess node, DateTimeOffset started, DateTimeOffset finished, bool interrupted = false)
        => new()
        {
            RunId = Runs.RunIds.New(started) + "-node",
            StartedAt = started,
            FinishedAt = finished,
            Target = new TargetInfo
            {
                Name = target.SourceFile is null ? "local node" : Path.GetFileNameWithoutExtension(target.SourceFile),
                Kind = node.IsLocal ? "embedded" : "remote",
            },
            Environment = new EnvironmentInfo
            {
                Hostname = Environment.MachineName,
                Kernel = RuntimeInformation.OSDescription,
                Cpus = Environment.ProcessorCount,
                DotnetVersion = Environment.Version.ToString(),
                HarnessVersion = typeof(NodeRunSummary).Assembly.GetName().Version?.ToString(),
            },
            Scenarios = scenarios,
            Interrupted = interrupted,
        };

    public static async Task<string> WriteAsync(RunSummary summary, string outDir, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, "results.json");
        await RunSummaryJson.WriteAsync(summary, path, cancellationToken).ConfigureAwait(false);
        return path;
    }
}
