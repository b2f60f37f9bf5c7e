using System.Globalization;
using System.Text.RegularExpressions;
using Harness.Node.Access;

namespace Harness.Node.Fsync;

/// <summary>
/// The fsync probe on a node reached over SSH, where C# does not run: fio's etcd job when fio is installed there
/// (full percentiles), else <c>dd oflag=dsync</c> with the same block size and count (only the mean and IOPS).
/// </summary>
internal static partial class RemoteFsyncProbe
{
    public static async Task<FsyncProbeResult> RunAsync(INodeAccess node, string directory, FsyncProbeOptions options, bool fioAvailable, CancellationToken cancellationToken)
    {
        var timeout = options.MaxDuration + TimeSpan.FromSeconds(30);
        if (fioAvailable)
        {
            var fio = await node.RunAsync(FioJob.Command(directory, options), timeout, cancellationToken).ConfigureAwait(false);
            if (!fio.Succeeded)
            {
                throw new InvalidOperationException($"fio on {node.Description} failed ({(fio.TimedOut ? "timed out" : $"exit {fio.ExitCode}")}): {fio.StdErr.Trim()}");
            }

            return FioJob.Parse(fio.StdOut, directory, options);
        }

        var file = $"{directory.TrimEnd('/')}/harness-fsync-{Guid.NewGuid():N}.dat";
        var command = string.Create(CultureInfo.InvariantCulture,
            $"LC_ALL=C dd if=/dev/zero of={NodeLimits.ShellQuote(file)} bs={options.BlockSize} count={options.Writes} oflag=dsync 2>&1; rc=$?; rm -f {NodeLimits.ShellQuote(file)}; exit $rc");
        var dd = await node.RunAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        if (!dd.Succeeded)
        {
            throw new InvalidOperationException($"dd on {node.Description} failed ({(dd.TimedOut ? "timed out" : $"exit {dd.ExitCode}")}): {dd.StdOut.Trim()}");
        }

        return ParseDd(dd.StdOut, directory, options);
    }

    /// <summary>Reads dd's summary line (<c>N bytes … copied, S s, …</c>) into a mean per-write latency.</summary>
    public static FsyncProbeResult ParseDd(string output, string directory, FsyncProbeOptions options)
    {
        var match = DdSummary().Match(output);
        if (!match.Success)
        {
            throw new FormatException($"dd: no summary line in output: {output.Trim()}");
        }

        var bytes = long.Parse(match.Groups["bytes"].Value, CultureInfo.InvariantCulture);
        var seconds = double.Parse(match.Groups["seconds"].Value.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture);
        var writes = (int)(bytes / options.BlockSize);
        return new FsyncProbeResult
        {
            Method = "dd oflag=dsync (mean only)",
            Directory = directory,
            Writes = writes,
            BlockSize = options.BlockSize,
            Elapsed = TimeSpan.FromSeconds(seconds),
            MeanMs = writes > 0 ? seconds * 1000 / writes : null,
        };
    }

    [GeneratedRegex(@"(?<bytes>\d+) bytes.*copied, (?<seconds>[0-9.,]+) s")]
    private static partial Regex DdSummary();
}
