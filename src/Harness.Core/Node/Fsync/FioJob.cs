using System.Globalization;
using System.Text.Json;

namespace Harness.Node.Fsync;

/// <summary>The etcd documentation's fio job with the probe's parameters, and a reader of fio's JSON output.</summary>
internal static class FioJob
{
    public static string Command(string directory, FsyncProbeOptions options)
        => string.Create(CultureInfo.InvariantCulture,
            $"fio --rw=write --ioengine=sync --fdatasync=1 --directory={Node.Access.NodeLimits.ShellQuote(directory)} --size={options.TotalBytes} --bs={options.BlockSize} --name=harness-etcd-{Guid.NewGuid():N} --output-format=json --unlink=1");

    /// <summary>Reads fio's fdatasync latency percentiles (the <c>sync.lat_ns</c> block) and write IOPS.</summary>
    public static FsyncProbeResult Parse(string json, string directory, FsyncProbeOptions options)
    {
        // fio may print warnings before the JSON document.
        var start = json.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            throw new FormatException("fio: no JSON in output");
        }

        using var doc = JsonDocument.Parse(json.AsMemory(start));
        var root = doc.RootElement;
        var version = root.TryGetProperty("fio version", out var v) ? v.GetString() : "fio";
        var job = root.GetProperty("jobs")[0];
        var sync = job.GetProperty("sync").GetProperty("lat_ns");
        var percentiles = sync.GetProperty("percentile");
        var write = job.GetProperty("write");
        var runtimeMs = job.TryGetProperty("job_runtime", out var rt) ? rt.GetDouble() : write.GetProperty("runtime").GetDouble();
        double Ms(JsonElement e) => e.GetDouble() / 1e6;
        return new FsyncProbeResult
        {
            Method = version ?? "fio",
            Directory = directory,
            Writes = (int)write.GetProperty("total_ios").GetInt64(),
            BlockSize = options.BlockSize,
            Elapsed = TimeSpan.FromMilliseconds(runtimeMs),
            P50Ms = Ms(percentiles.GetProperty("50.000000")),
            P90Ms = Ms(percentiles.GetProperty("90.000000")),
            P99Ms = Ms(percentiles.GetProperty("99.000000")),
            MaxMs = Ms(sync.GetProperty("max")),
            MeanMs = Ms(sync.GetProperty("mean")),
        };
    }
}
