using System.Net;
using System.Text;
using Harness.Platform.Procfs;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class HttpModeTests
{
    private static Dictionary<string, string> Env(TempDirectory dir, params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string>
        {
            ["mode"] = "http",
            ["fprocess"] = UpstreamScript.Write(dir),
            ["upstream_url"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        return env;
    }

    [Fact]
    public async Task Proxies_method_path_query_headers_and_body_to_one_long_lived_process()
    {
        using var dir = new TempDirectory();
        await using var wd = await WatchdogProcess.StartAsync(Env(dir));
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");

        var pids = new HashSet<string>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, wd.Url("/created/x?q=1")) { Content = new StringContent("body" + i, Encoding.UTF8) };
            request.Headers.Add("X-Test", "t" + i);
            using var response = await wd.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("application/x-echo", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("yes", response.Headers.GetValues("X-Upstream").Single());
            Assert.True(response.Headers.Contains("X-Duration-Seconds"));
            var parts = text.Split('|');
            Assert.Equal($"POST /created/x?q=1 t{i}", parts[0][..parts[0].LastIndexOf(' ')]);
            Assert.Equal("body" + i, parts[1]);
            pids.Add(parts[0][(parts[0].LastIndexOf(' ') + 1)..]);
        }

        Assert.Single(pids); // started once, not per request
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("false", 0)]
    [InlineData("true", 3)]
    public async Task With_sched_batch_the_watchdog_and_the_function_run_under_SCHED_BATCH_and_without_it_under_the_default(string? setting, int policy)
    {
        using var dir = new TempDirectory();
        await using var wd = await WatchdogProcess.StartAsync(setting is null ? Env(dir) : Env(dir, ("sched_batch", setting)));
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");
        // A proxied call first, so that the threads that serve calls exist too.
        using (var response = await wd.Client.GetAsync(wd.Url("/x")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var threads = Directory.GetDirectories($"/proc/{wd.Pid}/task");
        Assert.True(threads.Length > 1, "the watchdog has more than one thread");
        Assert.All(threads, thread => Assert.Equal(policy, ProcStat.Read(thread)?.Policy));
        Assert.Equal(policy, ProcStat.Read(ProcFs.Children(wd.Pid).Single())?.Policy);
    }

    [Fact]
    public async Task Restarts_a_dead_child_reporting_503_meanwhile()
    {
        using var dir = new TempDirectory();
        var marker = Path.Combine(dir.Path, "slow-start");
        await using var wd = await WatchdogProcess.StartAsync(Env(dir, ("slow_start_marker", marker)));
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");
        var first = ProcFs.Children(wd.Pid).Single();
        await File.WriteAllTextAsync(marker, "");

        Signals.Kill(first, Signals.SIGKILL);

        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 503, TimeSpan.FromSeconds(5), "health 503 while the child is down");
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "health 200 after the restart");
        var second = ProcFs.Children(wd.Pid).Single();
        Assert.NotEqual(first, second);
        using var response = await wd.PostAsync("/", new StringContent("after restart"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("|after restart", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("restarting", wd.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_timeout_gives_504()
    {
        using var dir = new TempDirectory();
        await using var wd = await WatchdogProcess.StartAsync(Env(dir, ("exec_timeout", "300ms")));
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");

        using var response = await wd.Client.GetAsync(wd.Url("/slow"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
    }

    [Fact]
    public async Task Stopping_the_watchdog_stops_the_child()
    {
        using var dir = new TempDirectory();
        var wd = await WatchdogProcess.StartAsync(Env(dir));
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");
        var child = ProcFs.Children(wd.Pid).Single();

        wd.Signal(Signals.SIGTERM);
        Assert.Equal(0, await wd.WaitForExitAsync(TimeSpan.FromSeconds(15)));
        await wd.DisposeAsync();

        await Poll.UntilAsync(() => !ProcFs.IsAlive(child), TimeSpan.FromSeconds(5), "the child to be gone");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", "0")]
    public async Task The_function_process_sees_the_inline_socket_switch_only_when_the_operator_set_it(string? operatorValue, string? expected)
    {
        // The watchdog turns inline socket completions on for itself in http mode; that is its own tuning, not the function's.
        const string Switch = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
        using var dir = new TempDirectory();
        var env = operatorValue is null ? Env(dir) : Env(dir, (Switch, operatorValue));
        await using var wd = await WatchdogProcess.StartAsync(env);
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");
        var child = ProcFs.Children(wd.Pid).Single();

        var seen = (await File.ReadAllTextAsync($"/proc/{child}/environ")).Split('\0')
            .Where(e => e.StartsWith(Switch + "=", StringComparison.Ordinal))
            .Select(e => e[(Switch.Length + 1)..])
            .SingleOrDefault();

        Assert.Equal(expected, seen);
    }
}
