using System.Diagnostics;
using Harness.Compliance.Evidence;
using Harness.Platform.Local;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>
/// Runs <c>nginx -t</c> on a configuration the way nginx would load it (<c>-c FILE</c>, so relative includes resolve
/// against its directory), with a scratch prefix and error log so the machine's own nginx (its pid file, logs, temp
/// directories) is never touched. nginx is found on PATH or in /usr/sbin; without it the syntax is not verified.
/// </summary>
internal static class NginxSyntaxCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>The nginx binary to use, or null when none is installed.</summary>
    public static string? FindNginx()
    {
        var path = HostEnvironment.Variable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/usr/local/sbin")
            .Select(d => Path.Combine(d, "nginx"))
            .FirstOrDefault(File.Exists);
    }

    public static async Task<NginxSyntaxFacts> RunAsync(string configPath, string? nginx, CancellationToken cancellationToken)
    {
        var config = Path.GetFullPath(configPath);
        if (nginx is null)
        {
            return new NginxSyntaxFacts
            {
                Evidence = new EvidenceItem("nginx -t", "nginx is not installed here, so the configuration's syntax was not verified by nginx (only read by the harness's parser)", config),
            };
        }

        var scratch = TemporaryStateFolder.Create("harness-nginx-t-");
        try
        {
            var start = new ProcessStartInfo(nginx)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-t", "-q", "-p", scratch + "/", "-e", Path.Combine(scratch, "error.log"), "-c", config })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = ChildProcess.Start(start) ?? throw new IOException($"{nginx}: could not start");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return Refused(nginx, config, $"nginx -t did not finish within {Timeout.TotalSeconds:0}s");
            }

            var message = string.Join(" ", ((await stderr.ConfigureAwait(false)) + "\n" + (await stdout.ConfigureAwait(false)))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return process.ExitCode == 0
                ? new NginxSyntaxFacts
                {
                    Verified = true,
                    Accepted = true,
                    Message = message,
                    Evidence = new EvidenceItem("nginx -t", $"{nginx} -t -c {config} (scratch prefix): the configuration test is successful{(message.Length > 0 ? $" ({message})" : string.Empty)}", config),
                }
                : Refused(nginx, config, message.Length > 0 ? message : $"exit code {process.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new NginxSyntaxFacts
            {
                Evidence = new EvidenceItem("nginx -t", $"{nginx} could not be run ({ex.Message}), so the syntax was not verified", config),
            };
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static NginxSyntaxFacts Refused(string nginx, string config, string message) => new()
    {
        Verified = true,
        Accepted = false,
        Message = message,
        Evidence = new EvidenceItem("nginx -t", $"{nginx} -t -c {config} (scratch prefix) refused it: {message}", config),
    };
}
