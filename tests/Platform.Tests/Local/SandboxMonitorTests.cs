using System.Globalization;
using Harness.Platform.Contracts;
using Xunit.Abstractions;

namespace Harness.Platform.Tests.Local;

/// <summary>
/// The slim <c>sandbox-monitor</c> (published next to the watchdog) is what runs outside each sandbox; the full watchdog
/// can still take its place. Either way the replica is the same sandbox: its watchdog is the monitor's child, in
/// namespaces of its own, as the function's uid.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SandboxMonitorTests(ITestOutputHelper output)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [RootFact]
    public async Task The_slim_monitor_runs_outside_the_sandbox_and_the_full_watchdog_can_take_its_place()
    {
        var slim = Path.Combine(Path.GetDirectoryName(TestWatchdog.Path)!, "sandbox-monitor");
        if (!File.Exists(slim))
        {
            output.WriteLine($"skipped: no sandbox-monitor next to {TestWatchdog.Path} (./build.sh publishes both)");
            return;
        }

        foreach (var (configure, monitor) in new (Func<Harness.Platform.Local.LocalProviderOptions, Harness.Platform.Local.LocalProviderOptions>, string)[]
        {
            (o => o, "sandbox-monitor"),
            (o => o with { SandboxMonitorPath = o.WatchdogPath }, "watchdog"),
        })
        {
            await using var f = new ProviderFixture(configure: configure);
            Assert.Equal(monitor, f.Provider.Info.Sandbox?.Monitor);
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "m", Image = "x", EnvProcess = "cat" }, None)).IsOk);
            var endpoint = (await f.WaitReadyAsync("m", 1))[0];
            Assert.Equal((200, "echo"), await ProviderFixture.CallAsync(endpoint, body: "echo"));

            var inner = ProcessLookup.ListeningOn(endpoint.Address.Port);
            Assert.NotEqual(0, inner);
            var outer = int.Parse(Status(inner, "PPid:"), NumberStyles.None, CultureInfo.InvariantCulture);
            Assert.Equal(monitor, Path.GetFileName(new FileInfo($"/proc/{outer}/exe").LinkTarget));
            Assert.Equal("watchdog", Path.GetFileName(new FileInfo($"/proc/{inner}/exe").LinkTarget));
            Assert.NotEqual(new FileInfo($"/proc/{outer}/ns/pid").LinkTarget, new FileInfo($"/proc/{inner}/ns/pid").LinkTarget);
            Assert.InRange(int.Parse(Status(inner, "Uid:").Split('\t')[0], NumberStyles.None, CultureInfo.InvariantCulture), 12000, 21999);
            Assert.Equal("0", Status(outer, "Uid:").Split('\t')[0]);
        }
    }

    [Fact]
    public async Task The_slim_monitor_refuses_anything_but_a_sandbox_and_names_why()
    {
        var slim = Path.Combine(Path.GetDirectoryName(TestWatchdog.Path)!, "sandbox-monitor");
        if (!File.Exists(slim))
        {
            output.WriteLine($"skipped: no sandbox-monitor next to {TestWatchdog.Path} (./build.sh publishes both)");
            return;
        }

        foreach (var (spec, why) in new[]
        {
            ("", "HARNESS_ISOLATION is empty"),
            ("setsid\n", "has no sandbox step"),
            ("setsid\nunshare-mount\nsandbox\nexec\t/bin/true\n", "'unshare-mount' before sandbox is the watchdog's step"),
            ("setsid\nsandbox\nmount-everything\n", "unknown operation 'mount-everything'"),
        })
        {
            var start = new System.Diagnostics.ProcessStartInfo(slim) { RedirectStandardError = true, UseShellExecute = false };
            start.Environment["HARNESS_ISOLATION"] = spec;
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.Equal(3, process.ExitCode);
            Assert.Contains(why, stderr, StringComparison.Ordinal);
        }
    }

    private static string Status(int pid, string field) =>
        File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim();
}
