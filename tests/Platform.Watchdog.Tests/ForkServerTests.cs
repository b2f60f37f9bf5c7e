using System.Net;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

/// <summary>
/// The fork server (docs/platform/fork-server.md): python3 index.py forked from a pre-imported interpreter, each request
/// still a process of its own with nothing carried over.
/// </summary>
public sealed class ForkServerTests
{
    // The handler module records the pid that imported it: a request served by a fork has another pid.
    private const string StatefulHandler = """
        import json, os
        IMPORTED_BY = os.getpid()
        calls = []

        def handle(req):
            calls.append(req)
            return json.dumps({
                "calls": len(calls), "forked": IMPORTED_BY != os.getpid(), "pid": os.getpid(), "body": req,
                "method": os.getenv("Http_Method"), "query": os.getenv("Http_Query"), "path": os.getenv("Http_Path"),
                "first": os.getenv("Http_X_First"), "second": os.getenv("Http_X_Second"),
            })
        """;

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    [Fact]
    public async Task Every_request_is_a_fresh_fork_with_its_own_environment()
    {
        using var dir = new TempDirectory();
        PythonFunction.Write(dir, StatefulHandler);
        await using var wd = await WatchdogProcess.StartAsync(PythonFunction.Environment(), dir.Path);
        await WaitForForkServerAsync(wd);

        using var first = new HttpRequestMessage(HttpMethod.Put, wd.Url("/orders/1?a=1")) { Content = new StringContent("one") };
        first.Headers.Add("X-First", "yes");
        var one = await SendAsync(wd, first);
        using var second = new HttpRequestMessage(HttpMethod.Post, wd.Url("/other")) { Content = new StringContent("two") };
        second.Headers.Add("X-Second", "also");
        var two = await SendAsync(wd, second);

        foreach (var reply in new[] { one, two })
        {
            Assert.True(reply.Forked, "served by a fork of the pre-imported interpreter");
            Assert.Equal(1, reply.Calls); // the module global was mutated by the previous request, in another process
        }

        Assert.NotEqual(one.Pid, two.Pid);
        Assert.Equal(("PUT", "a=1", "/orders/1", "yes", (string?)null, "one"), (one.Method, one.Query, one.Path, one.First, one.Second, one.Body));
        Assert.Equal(("POST", (string?)null, "/other", (string?)null, "also", "two"), (two.Method, two.Query, two.Path, two.First, two.Second, two.Body));
        Assert.Contains("fork server: ready", wd.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_timeout_kills_the_forked_child_and_its_descendants_and_leaves_no_zombie()
    {
        using var dir = new TempDirectory();
        var pids = Path.Combine(dir.Path, "pids");
        PythonFunction.Write(dir, $$"""
            import os, subprocess, time

            def handle(req):
                if req.strip() == "quick":
                    return "quick"
                child = subprocess.Popen(["sleep", "300"])
                with open({{Py(pids)}}, "w") as f:
                    f.write("%d %d\n" % (os.getpid(), child.pid))
                time.sleep(300)
            """);
        await using var wd = await WatchdogProcess.StartAsync(PythonFunction.Environment(("exec_timeout", "1500ms")), dir.Path);
        await Poll.UntilAsync(
            async () => (await wd.PostAsync("/", new StringContent("quick"))).IsSuccessStatusCode && wd.Stderr.Contains("fork server: ready", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the fork server to be ready");

        using var response = await wd.PostAsync("/", new StringContent("block"));

        Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
        var recorded = (await File.ReadAllTextAsync(pids)).Split(' ', StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        Assert.Equal(2, recorded.Length);
        await Poll.UntilAsync(() => recorded.All(pid => !ProcFs.IsAlive(pid)), TimeSpan.FromSeconds(5),
            "the request's child and its grandchild to be gone: " + string.Join(", ", recorded.Where(ProcFs.IsAlive)));
        var server = Assert.Single(ProcFs.Children(wd.Pid));
        await Poll.UntilAsync(() => AllChildren(server).Count == 0, TimeSpan.FromSeconds(5), "the fork server to reap its child");
    }

    [Fact]
    public async Task Exceptions_and_exit_codes_are_those_of_python3_index_py()
    {
        using var dir = new TempDirectory();
        PythonFunction.Write(dir, """
            import sys

            def handle(req):
                if req.strip() == "exit":
                    print("partial")
                    sys.exit(3)
                raise ValueError("no such order")
            """);
        await using var wd = await WatchdogProcess.StartAsync(PythonFunction.Environment(), dir.Path);
        await Poll.UntilAsync(() => wd.Stderr.Contains("fork server: ready", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the fork server to be ready");

        using var raised = await wd.PostAsync("/", new StringContent("x"));
        using var exited = await wd.PostAsync("/", new StringContent("exit"));
        var raisedBody = await raised.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, raised.StatusCode);
        Assert.StartsWith("exit status 1\n", raisedBody, StringComparison.Ordinal);
        Assert.Contains("Traceback (most recent call last):", raisedBody, StringComparison.Ordinal);
        Assert.Contains("ValueError: no such order", raisedBody, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir.Path, "function", "handler.py"), raisedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, exited.StatusCode);
        Assert.Equal("exit status 3\npartial\n", await exited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_script_that_prints_while_importing_keeps_one_interpreter_per_request()
    {
        using var dir = new TempDirectory();
        PythonFunction.Write(dir, """
            print("imported")

            def handle(req):
                return "handled"
            """);
        await using var wd = await WatchdogProcess.StartAsync(PythonFunction.Environment(), dir.Path);
        await Poll.UntilAsync(() => wd.Stderr.Contains("fork server: not used", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the fork server to decline");

        using var response = await wd.PostAsync("/", new StringContent("x"));

        Assert.Equal("imported\nhandled\n", await response.Content.ReadAsStringAsync());
        Assert.Contains("writes 9 bytes of output while importing", wd.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fork_server_false_execs_python_per_request()
    {
        using var dir = new TempDirectory();
        PythonFunction.Write(dir, StatefulHandler);
        await using var wd = await WatchdogProcess.StartAsync(PythonFunction.Environment(("fork_server", "false")), dir.Path);

        for (var i = 0; i < 2; i++)
        {
            var reply = await SendAsync(wd, new HttpRequestMessage(HttpMethod.Post, wd.Url("/")) { Content = new StringContent("x") });
            Assert.False(reply.Forked);
        }

        Assert.DoesNotContain("fork server", wd.Stderr, StringComparison.Ordinal);
        Assert.Empty(ProcFs.Children(wd.Pid));
    }

    private static string Py(string path) => "\"" + path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static async Task WaitForForkServerAsync(WatchdogProcess wd) =>
        await Poll.UntilAsync(
            async () => (await SendAsync(wd, new HttpRequestMessage(HttpMethod.Post, wd.Url("/")) { Content = new StringContent("probe") })).Forked,
            TimeSpan.FromSeconds(30), "a request served by the fork server");

    private static async Task<Reply> SendAsync(WatchdogProcess wd, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await wd.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return System.Text.Json.JsonSerializer.Deserialize<Reply>(body, JsonOptions)!;
        }
    }

    /// <summary>Children of <paramref name="pid"/>, zombies included.</summary>
    private static List<int> AllChildren(int pid)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                if (stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    found.Add(int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
            }
        }

        return found;
    }

    private sealed record Reply(int Calls, bool Forked, int Pid, string Body, string? Method, string? Query, string? Path, string? First, string? Second);
}
