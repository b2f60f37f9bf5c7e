using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Local;

/// <summary>
/// Each replica's watchdog also serves on a Unix socket in its run folder on the host, and its endpoint names it, so
/// the gateway needs no TCP on loopback; a sandboxed function can neither see nor reach any replica's socket.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ReplicaUnixSocketTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_replica_serves_on_the_unix_socket_its_endpoint_names_in_its_run_folder()
    {
        await using var f = new ProviderFixture();
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "echo", Image = "x", EnvProcess = "cat" }, None)).IsOk);
        var e = (await f.WaitReadyAsync("echo", 1))[0];

        var socket = Assert.IsType<string>(e.UnixSocket);
        Assert.Equal(Path.Combine(f.StateDirectory, "run", PlatformDefaults.FunctionNamespace, "echo", "replicas", e.InstanceId, "watchdog.sock"), socket);
        Assert.Equal((200, "over the socket"), await UnixSocketClient.PostAsync(socket, "/", "over the socket"));
        if (Environment.IsPrivilegedProcess)
        {
            // Sandboxed: bound by the monitor, as the provider, for the provider alone.
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
        }

        Assert.True((await f.Provider.ScaleAsync("echo", PlatformDefaults.FunctionNamespace, 0, None)).IsOk);
        await Poll.UntilAsync(() => !File.Exists(socket), ProviderFixture.Deadline, "the socket to go with its replica");
    }

    [Fact]
    public async Task Without_unix_sockets_the_endpoint_is_tcp_only()
    {
        await using var f = new ProviderFixture(configure: o => o with { UnixSockets = false });
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "echo", Image = "x", EnvProcess = "cat" }, None)).IsOk);
        var e = (await f.WaitReadyAsync("echo", 1))[0];

        Assert.Null(e.UnixSocket);
        Assert.Equal((200, "tcp"), await ProviderFixture.CallAsync(e, body: "tcp"));
    }

    [RootFact]
    public async Task A_sandboxed_function_cannot_see_or_reach_any_replicas_socket_nor_holds_the_listener()
    {
        await using var f = new ProviderFixture();
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "victim", Image = "x", EnvProcess = "cat" }, None)).IsOk);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "probe", Image = "x", EnvProcess = "sh" }, None)).IsOk);
        var victim = (await f.WaitReadyAsync("victim", 1))[0];
        var probe = (await f.WaitReadyAsync("probe", 1))[0];
        var victimSocket = victim.UnixSocket!;
        var ownSocket = probe.UnixSocket!;
        // The control: from the host, the victim's socket answers.
        Assert.Equal((200, "reachable"), await UnixSocketClient.PostAsync(victimSocket, "/", "reachable"));

        var script = string.Join('\n',
            "try() { name=$1; shift; if out=$(\"$@\" 2>&1); then echo \"$name=ESCAPED:$out\"; else echo \"$name=refused\"; fi; }",
            // The control inside: curl works there, over TCP to its own watchdog.
            $"try own-tcp curl -sf --max-time 5 http://127.0.0.1:{probe.Address.Port}/_/health",
            $"try victim-socket curl -sf --max-time 5 --unix-socket {victimSocket} http://x/_/health",
            $"try own-socket curl -sf --max-time 5 --unix-socket {ownSocket} http://x/_/health",
            $"try see-victim-socket test -e {victimSocket}",
            $"try see-run-folder ls {Path.GetDirectoryName(victimSocket)}",
            // No descriptor of the function's shell is a socket: the watchdog's listener is close-on-exec.
            "echo sockets=$(ls -l /proc/$$/fd | grep -c socket:)",
            "exit 0");
        var (status, body) = await ProviderFixture.CallAsync(probe, body: script);
        Assert.Equal(200, status);
        var results = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
        foreach (var attempt in new[] { "victim-socket", "own-socket", "see-victim-socket", "see-run-folder" })
        {
            Assert.True(results.TryGetValue(attempt, out var r) && r == "refused", $"{attempt}: {(results.TryGetValue(attempt, out var x) ? x : "no result")}\n{body}");
        }

        Assert.StartsWith("ESCAPED", results["own-tcp"], StringComparison.Ordinal);
        Assert.Equal("0", results["sockets"]);
        Assert.Equal((200, "still there"), await UnixSocketClient.PostAsync(victimSocket, "/", "still there"));
    }
}
