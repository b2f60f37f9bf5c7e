using Harness.Platform.Watchdog.Tests.Support;
using Harness.Watchdog.Isolation;

namespace Harness.Platform.Watchdog.Tests;

/// <summary>HARNESS_ISOLATION: the steps a supervisor asks for are applied before anything starts, or the watchdog does not start.</summary>
public sealed class IsolationTests
{
    [Fact]
    public void Every_bad_line_of_a_spec_is_reported()
    {
        var (steps, errors) = IsolationSpec.Parse("setsid\nfly\nbind\t/a\nmkdir\t\njoin-cgroup\t/x/cgroup.procs\n");

        Assert.Equal(["setsid", "join-cgroup /x/cgroup.procs"], steps.Select(s => s.ToString()));
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("line 2: unknown operation 'fly'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("line 3: 'bind' takes 2 argument(s), got 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("line 4: 'mkdir' has an empty argument", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_that_fails_stops_the_watchdog_with_the_reason_before_the_function_starts()
    {
        var wd = WatchdogProcess.Launch(new Dictionary<string, string>
        {
            ["fprocess"] = "cat",
            ["HARNESS_ISOLATION"] = "setsid\njoin-cgroup\t/nonexistent/harness-test/cgroup.procs\n",
        }, null, out _);
        await using (wd)
        {
            Assert.Equal(3, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            await Poll.UntilAsync(
                () => wd.Stderr.Contains("isolation: join-cgroup /nonexistent/harness-test/cgroup.procs", StringComparison.Ordinal)
                    && wd.Stderr.Contains("not starting without the isolation asked for", StringComparison.Ordinal),
                TimeSpan.FromSeconds(5),
                "the reason on stderr");
        }
    }

    [Fact]
    public void Steps_after_sandbox_must_be_ones_the_child_can_run_and_end_with_exec()
    {
        static IReadOnlyList<IsolationStep> Parse(string text) => IsolationSpec.Parse(text).Steps;

        Assert.Null(SandboxLauncher.Validate(Parse("tmpfs\t/r\tmode=0755\ndrop-privileges\t12000\t12000\nseccomp\nexec\t/run/harness/watchdog\n")));
        Assert.Contains("must end with exec", SandboxLauncher.Validate(Parse("seccomp\n")), StringComparison.Ordinal);
        Assert.Contains("'move' cannot follow sandbox", SandboxLauncher.Validate(Parse("move\t/a\t/b\nexec\t/w\n")), StringComparison.Ordinal);
        Assert.Contains("'x12' is not a number", SandboxLauncher.Validate(Parse("drop-privileges\tx12\t1\nexec\t/w\n")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_seccomp_filter_checks_the_architecture_first_and_denies_the_namespace_and_mount_calls()
    {
        var filter = SeccompFilter.Build();
        Assert.Equal(0, filter.Length % 8);
        // ld [4] (arch), then jeq AUDIT_ARCH_X86_64.
        Assert.Equal(4u, BitConverter.ToUInt32(filter, 4));
        Assert.Equal(0xC000003Eu, BitConverter.ToUInt32(filter, 12));
        foreach (var call in new[] { "mount", "umount2", "pivot_root", "unshare", "setns", "ptrace", "keyctl", "bpf", "perf_event_open", "kexec_load", "init_module", "open_by_handle_at", "userfaultfd", "reboot", "swapon" })
        {
            Assert.True(SeccompFilter.Denied.ContainsKey(call), call);
        }
    }

    [RootFact]
    public async Task A_sandbox_step_that_fails_in_the_child_is_named_and_the_watchdog_never_starts()
    {
        using var dir = new TempDirectory();
        var root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(root);
        var wd = WatchdogProcess.Launch(new Dictionary<string, string>
        {
            ["fprocess"] = "cat",
            ["HARNESS_ISOLATION"] = $"setsid\nsandbox\nmake-private\t/\ntmpfs\t{root}\tmode=0755,size=1m\nbind\t/nonexistent-harness-source\t{root}\nexec\t/bin/true\n",
        }, null, out _);
        await using (wd)
        {
            Assert.Equal(3, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));
            await Poll.UntilAsync(
                () => wd.Stderr.Contains("isolation: bind /nonexistent-harness-source", StringComparison.Ordinal)
                    && wd.Stderr.Contains("No such file or directory", StringComparison.Ordinal),
                TimeSpan.FromSeconds(5),
                "the failed step and its errno on stderr");
        }
    }

    [Fact]
    public async Task Setsid_makes_the_watchdog_lead_its_own_session_and_the_function_never_sees_the_spec()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = "env",
            ["HARNESS_ISOLATION"] = "setsid\n",
        });

        var stat = await File.ReadAllTextAsync($"/proc/{wd.Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(wd.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]); // pgrp
        Assert.Equal(wd.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[3]); // session

        using var response = await wd.PostAsync("/", new StringContent(""));
        Assert.DoesNotContain("HARNESS_ISOLATION", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Mounts_made_in_the_private_namespace_are_seen_by_every_thread_and_the_function_but_not_the_host()
    {
        using var dir = new TempDirectory();
        var target = Path.Combine(dir.Path, "mnt");
        Directory.CreateDirectory(target);
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = "cat /proc/self/mountinfo",
            ["HARNESS_ISOLATION"] = $"setsid\nunshare-mount\nmake-private\t/\ntmpfs\t{target}\tmode=0755,size=1m\nremount-ro\t{target}\n",
        });

        var mountPoint = " " + target + " ";
        // unshare moves only the calling thread; the watchdog restarts itself so that every thread it has is inside.
        foreach (var task in Directory.GetDirectories($"/proc/{wd.Pid}/task"))
        {
            Assert.Contains(mountPoint, await File.ReadAllTextAsync(Path.Combine(task, "mountinfo")), StringComparison.Ordinal);
        }

        using var response = await wd.PostAsync("/", new StringContent(""));
        var line = (await response.Content.ReadAsStringAsync()).Split('\n').Single(l => l.Contains(mountPoint, StringComparison.Ordinal));
        Assert.Contains(" ro,", line, StringComparison.Ordinal);
        Assert.DoesNotContain(mountPoint, await File.ReadAllTextAsync("/proc/self/mountinfo"), StringComparison.Ordinal);
    }
}
