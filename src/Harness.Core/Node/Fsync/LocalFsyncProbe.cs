using System.Diagnostics;

namespace Harness.Node.Fsync;

/// <summary>The built-in fsync probe on the local node: fio's etcd job in C# (write 2300 bytes, fdatasync, repeat).</summary>
internal static class LocalFsyncProbe
{
    public const string MethodName = "harness (C# write + fdatasync)";

    public static FsyncProbeResult Run(string directory, FsyncProbeOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"harness-fsync-{Environment.ProcessId}-{Guid.NewGuid():N}.dat");
        var block = new byte[options.BlockSize];
        Random.Shared.NextBytes(block);
        var latencies = new double[options.Writes];
        var offsets = new double[options.Writes];
        var done = 0;
        var started = Stopwatch.GetTimestamp();
        var limit = Stopwatch.Frequency * options.MaxDuration.TotalSeconds;
        try
        {
            // bufferSize 1 disables FileStream's buffer, so every Write is one write(2) as in fio's sync engine.
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            for (; done < latencies.Length; done++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                stream.Write(block);
                var before = Stopwatch.GetTimestamp();
                NativeSync.FDataSync(stream.SafeFileHandle);
                var after = Stopwatch.GetTimestamp();
                latencies[done] = (after - before) * 1000.0 / Stopwatch.Frequency;
                offsets[done] = (after - started) / (double)Stopwatch.Frequency;
                if (after - started > limit)
                {
                    done++;
                    break;
                }
            }
        }
        finally
        {
            File.Delete(file);
        }

        return new FsyncProbeResult
        {
            Method = MethodName,
            Directory = directory,
            Writes = done,
            BlockSize = options.BlockSize,
            Elapsed = Stopwatch.GetElapsedTime(started),
            LatenciesMs = latencies[..done],
            OffsetsSeconds = offsets[..done],
            StoppedEarly = done < options.Writes,
        };
    }
}
