using System.Diagnostics;
using System.Text.Json;
using Harness.Platform.Contracts;
using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

/// <summary>
/// Pre-forked cold starts (issue 18): a python3-http function's zygote forks the replica's server into its sandbox, and
/// that server is the same, by everything a function can look at, as one its watchdog started itself.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PreforkTests
{
    private const string Ns = PlatformDefaults.FunctionNamespace;
    private static readonly CancellationToken None = CancellationToken.None;

    // Everything the server process can see of itself, with this replica's own name and ports replaced, so that two
    // replicas of one function compare equal. Its parent is reported apart (see the assertion below).
    private const string Handler = """
        import json, os, re, sys

        def _read(path):
            with open(path, "rb") as f:
                return f.read().decode("utf-8", "replace")

        def handle(event, context):
            me = os.environ["HOSTNAME"]
            replace = [(me, "<replica>"), (os.environ["port"], "<port>"), (os.environ["upstream_port"], "<upstream-port>")]
            def norm(text):
                for old, new in replace:
                    text = text.replace(old, new)
                return text
            status = {}
            for line in _read("/proc/self/status").splitlines():
                key, _, value = line.partition(":")
                if key in ("Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs",
                           "Seccomp", "Seccomp_filters", "SigBlk", "SigIgn", "Umask", "Speculation_Store_Bypass"):
                    status[key] = value.strip()
            mounts = []
            for line in _read("/proc/self/mountinfo").splitlines():
                left, _, right = line.partition(" - ")
                f = left.split()
                mounts.append(" ".join([f[4], f[5], right]))
            namespaces = {ns: os.readlink("/proc/self/ns/" + ns) == os.readlink("/proc/1/ns/" + ns)
                          for ns in ("pid", "mnt", "ipc", "uts", "net", "cgroup", "user")}
            fds = sorted(os.readlink("/proc/self/fd/%d" % fd).split(":")[0] for fd in (0, 1, 2))
            report = {
                "status": status,
                "environ": sorted(norm(e) for e in _read("/proc/self/environ").split("\0") if e),
                "os.environ": sorted(norm("%s=%s" % kv) for kv in os.environ.items()),
                "cmdline": _read("/proc/self/cmdline"),
                "cwd": os.getcwd(),
                "root": os.readlink("/proc/self/root"),
                "namespaces": namespaces,
                "cgroup": re.sub("harness-[0-9a-f]+", "<provider>", norm(_read("/proc/self/cgroup"))),
                "cgroup_is_watchdogs": _read("/proc/self/cgroup") == _read("/proc/1/cgroup"),
                "mounts": mounts,
                "limits": _read("/proc/self/limits"),
                "oom_score_adj": _read("/proc/self/oom_score_adj"),
                "session_leader": os.getsid(0) == os.getpid() and os.getpgid(0) == os.getpid(),
                "std_fds": fds,
                "argv": sys.argv,
                "orig_argv": sys.orig_argv,
                "path0": sys.path[0],
                "flags": repr(sys.flags),
                "main": sys.modules["__main__"].__file__,
                "hostname": norm(os.uname().nodename),
                "handler_file": __file__,
            }
            return {"statusCode": 200, "body": json.dumps({"report": report, "ppid": os.getppid()})}
        """;

    [RootFact]
    public async Task A_pre_forked_server_is_indistinguishable_from_one_its_watchdog_started()
    {
        using var temp = new TempDirectory();
        var work = temp.Path;
        var handler = await HandlerAsync(work, "probe", Handler);

        await using var standby = new ProviderFixture();
        await using var pre = new ProviderFixture(configure: o => o with { PreforkStandby = false });
        await using var fresh = new ProviderFixture(configure: o => o with { PreforkZygotes = 0 });
        var standbyReport = await ReportAsync(standby, handler, Path.Combine(work, "out-standby"), Start.Standby);
        var preReport = await ReportAsync(pre, handler, Path.Combine(work, "out-pre"), Start.Forked);
        var freshReport = await ReportAsync(fresh, handler, Path.Combine(work, "out-fresh"), Start.Spawned);

        // One difference is documented (docs/platform/cold-start.md): the adopted server's parent is the zygote,
        // outside the sandbox, so its parent pid reads 0; a spawned server's parent is the watchdog, PID 1.
        Assert.Equal(1, freshReport.GetProperty("ppid").GetInt32());
        Assert.Equal(0, preReport.GetProperty("ppid").GetInt32());
        Assert.Equal(0, standbyReport.GetProperty("ppid").GetInt32());
        var expected = freshReport.GetProperty("report");
        foreach (var (name, actual) in new[] { ("pre-forked", preReport.GetProperty("report")), ("standby", standbyReport.GetProperty("report")) })
        {
            foreach (var property in expected.EnumerateObject())
            {
                Assert.True(actual.TryGetProperty(property.Name, out var value), property.Name + " is missing");
                Assert.True(JsonElement.DeepEquals(property.Value, value), $"{property.Name} differs:\nfresh:      {property.Value}\n{name}: {value}");
            }
        }

        var uids = expected.GetProperty("status").GetProperty("Uid").GetString()!.Split('\t').Select(int.Parse).ToList();
        Assert.True(uids.Distinct().Count() == 1 && uids[0] >= 12000, string.Join(' ', uids));
        Assert.Equal("0000000000000000", expected.GetProperty("status").GetProperty("CapBnd").GetString());
        Assert.All(new[] { "pid", "mnt", "ipc", "uts", "net" }, ns => Assert.True(expected.GetProperty("namespaces").GetProperty(ns).GetBoolean(), ns));
        Assert.True(preReport.GetProperty("report").GetProperty("cgroup_is_watchdogs").GetBoolean());
        Assert.True(standbyReport.GetProperty("report").GetProperty("cgroup_is_watchdogs").GetBoolean());
    }

    [RootFact]
    public async Task Zygotes_are_bounded_shown_in_the_info_and_gone_with_their_function_and_the_provider()
    {
        using var temp = new TempDirectory();
        var work = temp.Path;
        var handler = await HandlerAsync(work, "probe", "def handle(event, context):\n    return 'ok'\n");
        var changed = await HandlerAsync(work, "changed", "def handle(event, context):\n    return 'ok'\n");
        int zygotePid;
        string folder;
        await using (var f = new ProviderFixture(configure: o => o with { PreforkZygotes = 1 }))
        {
            await SandboxTemplateTests.PushAsync(f, "python3-http", handler, Path.Combine(work, "out-a"), "me/a:1", null);
            await SandboxTemplateTests.PushAsync(f, "python3-http", handler, Path.Combine(work, "out-b"), "me/b:1", null);
            // A function that changed the template's runtime gets no zygote: the zygote imported the platform's copy.
            var build = Path.Combine(work, "out-c");
            await SandboxTemplateTests.PushWithAsync(f, "python3-http", changed, build, "me/c:1", dir => File.AppendAllText(Path.Combine(dir, "harness_runtime.py"), "\n# changed\n"));
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "c", Image = "me/c:1" }, None)).IsOk);
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "a", Image = "me/a:1" }, None)).IsOk);
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "b", Image = "me/b:1" }, None)).IsOk);

            var info = await ReadyZygotesAsync(f, 1);
            Assert.True(info.Enabled);
            Assert.Equal(1, info.MaxZygotes);
            var zygote = Assert.Single(info.Zygotes);
            Assert.Equal("a", zygote.Function);
            Assert.True(zygote.MemoryBytes > 0);
            Assert.True(info.MemoryBytes >= zygote.MemoryBytes);
            zygotePid = zygote.Pid!.Value;
            Assert.Contains("zygote.py", await File.ReadAllTextAsync($"/proc/{zygotePid}/cmdline"));
            var cgroup = (await File.ReadAllLinesAsync($"/proc/{zygotePid}/cgroup")).Single(l => l.Split(':')[1] == "memory").Split(':')[2];
            Assert.Equal((128L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
                (await File.ReadAllTextAsync("/sys/fs/cgroup/memory" + cgroup + "/memory.limit_in_bytes")).Trim());
            folder = Path.GetDirectoryName(Directory.GetFiles(Path.Combine(f.StateDirectory), "zygote.py", SearchOption.AllDirectories).Single())!;

            // Removing the function stops its zygote, and the bound then lets another function have one.
            Assert.True((await f.Provider.DeleteAsync("a", Ns, None)).IsOk);
            await Poll.UntilAsync(() => !Alive(zygotePid), ProviderFixture.Deadline, "the removed function's zygote to exit");
            Assert.False(Directory.Exists(folder));
            await f.Provider.ScaleAsync("b", Ns, 0, None);
            await f.Provider.ScaleAsync("b", Ns, 1, None);
            await f.WaitReadyAsync("b", 1);
            var after = await ReadyZygotesAsync(f, 1);
            zygotePid = Assert.Single(after.Zygotes).Pid!.Value;
            Assert.Equal("b", after.Zygotes[0].Function);
        }

        Assert.False(Alive(zygotePid), "a zygote outlived its provider");
    }

    [RootFact]
    public async Task A_function_scaled_to_zero_keeps_one_standby_that_runs_no_function_code_until_taken_and_is_gone_with_it()
    {
        using var temp = new TempDirectory();
        var work = temp.Path;
        var handler = Path.Combine(work, "probe");
        Directory.CreateDirectory(handler);
        // Module-level code: it runs when the handler is imported, which a standby must not do before it is taken.
        await File.WriteAllTextAsync(Path.Combine(handler, "handler.py"),
            "import sys\nprint('handler imported', file=sys.stderr, flush=True)\n\ndef handle(event, context):\n    return 'ok'\n");
        List<string> standbys = [];
        await using (var f = new ProviderFixture())
        {
            await SandboxTemplateTests.PushAsync(f, "python3-http", handler, Path.Combine(work, "out"), "me/probe:1", null);
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "probe", Image = "me/probe:1" }, None)).IsOk);
            f.Remember(await f.WaitReadyAsync("probe", 1));
            await ReadyZygotesAsync(f, 1);
            Assert.Equal(0, f.Provider.Info.Prefork!.Standbys);

            Assert.True((await f.Provider.ScaleAsync("probe", Ns, 0, None)).IsOk);
            var first = await StandbyAsync(f);
            standbys.Add(first);
            var info = f.Provider.Info.Prefork!;
            Assert.True(info.StandbyEnabled);
            Assert.Equal(1, info.Standbys);
            Assert.True(info.StandbyMemoryBytes > 0);
            // Not a replica: the function reads as scaled to zero.
            var status = (await f.Provider.GetAsync("probe", Ns, None))!;
            Assert.Equal((0, 0), (status.Replicas, status.AvailableReplicas));
            Assert.Empty(f.Provider.ResolveAsync("probe", Ns, None).Result);
            // Its watchdog and server run (a server of the function's uid), but the handler was not imported.
            var processes = ProcessSweep.FindByMarker(first);
            Assert.True(processes.Count >= 3, $"monitor, watchdog and server expected, found {processes.Count}");
            Assert.Contains(processes, pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains("server.py", StringComparison.Ordinal)
                && File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1] != "0");
            var before = await f.LogsAsync("probe", 200);
            Assert.Contains(first + ": [harness] standby replica prepared", before, StringComparison.Ordinal);
            Assert.False(HandlerImported(before, first), before);

            // Taken by the scale from zero: it serves, and only now imports the handler.
            Assert.True((await f.Provider.ScaleAsync("probe", Ns, 1, None)).IsOk);
            var endpoint = Assert.Single(await f.WaitReadyAsync("probe", 1));
            Assert.Equal(first, endpoint.InstanceId);
            Assert.Equal((200, "ok"), await ProviderFixture.CallAsync(endpoint));
            // The import line travels through two pipes (server → watchdog → provider) and may come after the answer.
            var after = "";
            await Poll.UntilAsync(async () => HandlerImported(after = await f.LogsAsync("probe", 200), first), ProviderFixture.Deadline, "the handler's import line in the logs");
            Assert.True(after.IndexOf(first + ": [harness] standby replica taken into service", StringComparison.Ordinal) < after.LastIndexOf("handler imported", StringComparison.Ordinal), after);
            Assert.Equal(0, f.Provider.Info.Prefork!.Standbys);
            Assert.Equal(1, f.Provider.Info.Prefork!.StandbyTaken);

            // Back at zero: a new one. A redeploy while at zero replaces it, and the old one's processes are gone.
            Assert.True((await f.Provider.ScaleAsync("probe", Ns, 0, None)).IsOk);
            var second = await StandbyAsync(f, first);
            standbys.Add(second);
            Assert.True((await f.Provider.UpdateAsync(new FunctionDeployment { Service = "probe", Image = "me/probe:1", EnvVars = new Dictionary<string, string> { ["changed"] = "1" } }, None)).IsOk);
            var third = await StandbyAsync(f, second);
            standbys.Add(third);
            await Poll.UntilAsync(() => ProcessSweep.FindByMarker(second).Count == 0, ProviderFixture.Deadline, "the replaced standby's processes to exit");

            // Removing the function removes its standby.
            Assert.True((await f.Provider.DeleteAsync("probe", Ns, None)).IsOk);
            await Poll.UntilAsync(() => ProcessSweep.FindByMarker(third).Count == 0, ProviderFixture.Deadline, "the removed function's standby to exit");
            Assert.Equal(0, f.Provider.Info.Prefork!.Standbys);

            // And a provider that stops takes its functions' standbys with it.
            await SandboxTemplateTests.PushAsync(f, "python3-http", handler, Path.Combine(work, "out-2"), "me/probe:2", null);
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "again", Image = "me/probe:2" }, None)).IsOk);
            await f.WaitReadyAsync("again", 1);
            await ReadyZygotesAsync(f, 1);
            Assert.True((await f.Provider.ScaleAsync("again", Ns, 0, None)).IsOk);
            standbys.Add(await StandbyAsync(f));
        }

        Assert.All(standbys, id => Assert.Empty(ProcessSweep.FindByMarker(id)));
    }

    [RootFact]
    public async Task A_standby_prepared_after_the_readiness_timeout_is_still_shown_and_the_delay_is_logged()
    {
        using var temp = new TempDirectory();
        var work = temp.Path;
        var handler = await HandlerAsync(work, "slow", "def handle(event, context):\n    return 'ok'\n");
        // No replica or standby gets ready in 10 ms: the standby's wait times out long before its watchdog says it is
        // prepared, which must delay it in /system/info, not drop it.
        await using var f = new ProviderFixture(configure: o => o with { ReadinessTimeout = TimeSpan.FromMilliseconds(10) });
        await SandboxTemplateTests.PushAsync(f, "python3-http", handler, Path.Combine(work, "out"), "me/slow:1", null);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "slow", Image = "me/slow:1" }, None)).IsOk);
        await ReadyZygotesAsync(f, 1);

        Assert.True((await f.Provider.ScaleAsync("slow", Ns, 0, None)).IsOk);
        var standby = await StandbyAsync(f);

        var logs = await f.LogsAsync("slow", 200);
        Assert.Contains(standby + ": [harness] standby replica not prepared after 0 s", logs, StringComparison.Ordinal);
        Assert.True(logs.IndexOf(standby + ": [harness] standby replica not prepared", StringComparison.Ordinal)
            < logs.IndexOf(standby + ": [harness] standby replica prepared", StringComparison.Ordinal), logs);
    }

    [RootFact]
    public async Task A_classic_python3_function_in_http_mode_is_pre_forked_from_a_standby_and_in_fork_mode_it_is_not()
    {
        using var temp = new TempDirectory();
        var work = temp.Path;
        var handler = await HandlerAsync(work, "classic", "def handle(req):\n    return 'classic ' + req\n");
        await using var f = new ProviderFixture();
        await SandboxTemplateTests.PushWithAsync(f, "python3", handler, Path.Combine(work, "out-http"), "me/classic-http:1", _ => { }, mode: "http");
        await SandboxTemplateTests.PushAsync(f, "python3", handler, Path.Combine(work, "out"), "me/classic:1", null);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "served", Image = "me/classic-http:1", EnvVars = new Dictionary<string, string> { ["mode"] = "http" } }, None)).IsOk);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "forked", Image = "me/classic:1" }, None)).IsOk);
        f.Remember(await f.WaitReadyAsync("served", 1));
        f.Remember(await f.WaitReadyAsync("forked", 1));
        var zygote = Assert.Single((await ReadyZygotesAsync(f, 1)).Zygotes);
        Assert.Equal(("served", "python3"), (zygote.Function, zygote.Runtime));

        Assert.True((await f.Provider.ScaleAsync("served", Ns, 0, None)).IsOk);
        var standby = await StandbyAsync(f);
        Assert.True((await f.Provider.ScaleAsync("served", Ns, 1, None)).IsOk);
        var endpoint = Assert.Single(await f.WaitReadyAsync("served", 1));
        Assert.Equal(standby, endpoint.InstanceId);
        Assert.Equal((200, "classic hi"), await ProviderFixture.CallAsync(endpoint, body: "hi"));
    }

    /// <summary>A handler folder <paramref name="name"/> under <paramref name="work"/> holding handler.py.</summary>
    private static async Task<string> HandlerAsync(string work, string name, string code)
    {
        var handler = Path.Combine(work, name);
        Directory.CreateDirectory(handler);
        await File.WriteAllTextAsync(Path.Combine(handler, "handler.py"), code);
        return handler;
    }

    /// <summary>Whether the replica's log has the probe handler's import line.</summary>
    private static bool HandlerImported(string logs, string replica) =>
        logs.Split('\n').Any(l => l.StartsWith(replica + ": ", StringComparison.Ordinal) && l.EndsWith("stderr: handler imported", StringComparison.Ordinal));

    private static async Task<PreforkInfo> ReadyZygotesAsync(ProviderFixture f, int count)
    {
        PreforkInfo? info = null;
        try
        {
            await Poll.UntilAsync(() => (info = f.Provider.Info.Prefork!).Zygotes.Count(z => z.State == "ready") == count, ProviderFixture.Deadline, $"{count} ready zygote(s)");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(ex.Message + ": " + JsonSerializer.Serialize(info), ex);
        }

        return info!;
    }

    /// <summary>How the replica that reports was started.</summary>
    private enum Start
    {
        /// <summary>Its watchdog spawned the server (no zygote).</summary>
        Spawned,

        /// <summary>The zygote forked the server at the scale from zero (no standby replica).</summary>
        Forked,

        /// <summary>The function's standby replica was taken at the scale from zero.</summary>
        Standby,
    }

    /// <summary>Deploys the probe, scales it to zero and back once its zygote (if any) is ready, and returns its report.</summary>
    private static async Task<JsonElement> ReportAsync(ProviderFixture f, string handler, string output, Start start)
    {
        await SandboxTemplateTests.PushAsync(f, "python3-http", handler, output, "me/probe:1", null);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "probe", Image = "me/probe:1" }, None)).IsOk);
        await f.WaitReadyAsync("probe", 1);
        if (start == Start.Spawned)
        {
            Assert.Empty(f.Provider.Info.Prefork!.Zygotes);
        }
        else
        {
            await ReadyZygotesAsync(f, 1);
        }

        var forks = f.Provider.Info.Prefork!.Forks;
        Assert.True((await f.Provider.ScaleAsync("probe", Ns, 0, None)).IsOk);
        await Poll.UntilAsync(async () => (await f.Provider.GetAsync("probe", Ns, None))!.AvailableReplicas == 0, ProviderFixture.Deadline, "no replica left");
        string? standby = null;
        if (start == Start.Standby)
        {
            standby = await StandbyAsync(f);
            // Its server was forked when it was prepared.
            forks++;
        }

        Assert.True((await f.Provider.ScaleAsync("probe", Ns, 1, None)).IsOk);
        var endpoint = (await f.WaitReadyAsync("probe", 1))[0];
        var logs = await f.LogsAsync("probe");
        Assert.Equal(start != Start.Spawned, logs.Contains("adopted upstream process", StringComparison.Ordinal));
        Assert.Equal(start == Start.Spawned ? 0 : forks + (start == Start.Forked ? 1 : 0), f.Provider.Info.Prefork!.Forks);
        if (standby is not null)
        {
            Assert.Equal(standby, endpoint.InstanceId);
            Assert.Contains(standby + ": [harness] standby replica taken into service", logs, StringComparison.Ordinal);
            Assert.Equal(1, f.Provider.Info.Prefork!.StandbyTaken);
        }

        var (status, body) = await ProviderFixture.CallAsync(endpoint, method: HttpMethod.Get);
        Assert.True(status == 200, body + "\n" + logs);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Waits until the provider shows the function's standby replica as prepared, and returns its id.</summary>
    private static async Task<string> StandbyAsync(ProviderFixture f, string? other = null)
    {
        string? id = null;
        await Poll.UntilAsync(() => (id = f.Provider.Info.Prefork!.Zygotes.SingleOrDefault()?.Standby) is not null && id != other, ProviderFixture.Deadline, "a prepared standby replica");
        return id!;
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
