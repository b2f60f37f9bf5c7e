using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Harness.Tests.Cli;

/// <summary><c>harness platform up</c> as a user runs it: the real executable, output redirected as in CI.</summary>
public sealed class PlatformUpProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-up-proc-").FullName;

    [Fact]
    public async Task A_port_in_use_is_one_unwrapped_line_without_a_stack_trace_and_exit_2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var state = Path.Combine(_dir, "state");

        var (code, stdout, stderr) = await RunAsync("platform", "up", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", state);

        Assert.Equal(2, code);
        var output = stdout + stderr;
        Assert.Contains($"platform up: port {port} on 127.0.0.1 is already in use; choose another with --port", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        // Nothing half-applied: no credentials were generated for a platform that never started.
        Assert.False(File.Exists(Path.Combine(state, "basic-auth-password")));
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "harness.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["HOME"] = _dir;
        start.Environment.Remove("COLUMNS");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
