using System.Diagnostics;

namespace Harness.Bench;

/// <summary>The baselines of the cold-start benchmark: a process spawned bare, timed to its first 200 or to its exit.</summary>
internal static class BareStart
{
    /// <summary>Spawns <paramref name="start"/> and times until <paramref name="url"/> first answers 200; the process (tree) is killed after.</summary>
    public static async Task<double> UntilOkAsync(ProcessStartInfo start, Uri url, HttpClient http, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        var clock = Stopwatch.StartNew();
        using var process = ChildProcess.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            if (await FirstOkAsync(process, url, http, clock, cancellationToken).ConfigureAwait(false) is { } ms)
            {
                return ms;
            }

            var why = process.HasExited ? $"exited with {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}" : "did not answer 200 within 10 s";
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} on {url}: {why}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Spawns <paramref name="start"/> and times until it exits (which must be with 0).</summary>
    public static async Task<double> UntilExitAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        start.UseShellExecute = false;
        var clock = Stopwatch.StartNew();
        using var process = ChildProcess.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return process.ExitCode == 0 ? elapsed : throw new InvalidOperationException($"{start.FileName} exited with {process.ExitCode}");
    }

    /// <summary>
    /// Polls <paramref name="url"/> at once and again every millisecond until it answers 200 (the elapsed time on
    /// <paramref name="clock"/>), the process exits or 10 s pass (null): the start-up is what is timed, so no back-off.
    /// </summary>
    public static async Task<double?> FirstOkAsync(Process process, Uri url, HttpClient http, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return clock.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: poll again at once.
            }

            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }
}
