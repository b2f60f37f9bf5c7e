using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Harness.Platform.Watchdog;
using Xunit.Abstractions;

namespace Harness.Tests.Cli;

/// <summary>
/// <c>harness platform up</c> as a process of its own (the real executable, output redirected as in CI), on a free
/// loopback port and ready once <c>/healthz</c> answers; killed with its tree unless the test ended it.
/// </summary>
internal sealed class PlatformUpProcess : IDisposable
{
    private PlatformUpProcess(Process process, string url, string state)
    {
        Process = process;
        Url = url;
        State = state;
    }

    public Process Process { get; }

    public string Url { get; }

    public string State { get; }

    public static async Task<PlatformUpProcess> StartAsync(string workingDirectory, string state, string watchdog, ITestOutputHelper output, params string[] extra)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "harness.dll"));
        foreach (var a in new[] { "platform", "up", "--port", port.ToString(CultureInfo.InvariantCulture), "--state", state }.Concat(extra))
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["HOME"] = workingDirectory;
        start.Environment[WatchdogLocator.EnvironmentVariable] = watchdog;
        var process = Process.Start(start)!;
        var platform = new PlatformUpProcess(process, $"http://127.0.0.1:{port}", state);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await Poll.UntilAsync(async () =>
            {
                Assert.False(process.HasExited, "platform up exited early");
                try
                {
                    using var r = await http.GetAsync(platform.Url + "/healthz");
                    return r.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), "platform up to answer /healthz");
        }
        catch
        {
            platform.Dispose();
            throw;
        }

        return platform;
    }

    /// <summary>A client with the platform's generated admin credentials.</summary>
    public HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
        var user = File.ReadAllText(Path.Combine(State, "basic-auth-user")).Trim();
        var password = File.ReadAllText(Path.Combine(State, "basic-auth-password")).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>Running processes whose environment carries the replica marker of <paramref name="function"/>.</summary>
    public static List<int> Replicas(string function)
    {
        var needle = Encoding.UTF8.GetBytes($"HARNESS_REPLICA={function}-");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var env = File.ReadAllBytes(Path.Combine(dir, "environ"));
                var state = File.ReadAllText(Path.Combine(dir, "stat"));
                // Zombies are dead already: only a running replica counts.
                if (env.AsSpan().IndexOf(needle) >= 0 && !state[(state.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}
