using System.Diagnostics;

namespace Harness.Bench;

/// <summary>The floor for fork mode: how fast this process can spawn <c>cat</c>, feed it nothing and read it, with no HTTP at all.</summary>
internal static class SpawnLoop
{
    public static async Task<double> MeasureAsync(string command, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        long completed = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested)
            {
                var info = new ProcessStartInfo(command)
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                using var process = ChildProcess.Start(info)!;
                process.StandardInput.Close();
                await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref completed);
            }
        }, cancellationToken));
        await Task.WhenAll(loops).ConfigureAwait(false);
        return completed / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
