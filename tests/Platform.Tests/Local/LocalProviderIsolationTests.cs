using System.Globalization;
using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Local;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalProviderIsolationTests
{
    private const string Ns = PlatformDefaults.FunctionNamespace;
    private static readonly CancellationToken None = CancellationToken.None;

    [RootFact]
    public async Task An_oom_killed_replica_is_restarted_while_its_neighbour_keeps_answering()
    {
        await using var f = new ProviderFixture();
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");
        var hog = new FunctionDeployment { Service = "hog", Image = "me/upstream:0.1", Limits = new FunctionResources { Memory = "128m" } };
        var result = await f.Provider.DeployAsync(hog, None);
        Assert.True(result.IsOk, result.Message);
        Assert.Null(result.Message);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "calm", Image = "x", EnvProcess = "cat" }, None)).IsOk);
        var hogBefore = (await f.WaitReadyAsync("hog", 1))[0];
        var calm = (await f.WaitReadyAsync("calm", 1))[0];

        var alloc = ProviderFixture.CallAsync(hogBefore, "alloc");
        var ok = 0;
        var calls = 0;
        var started = DateTime.UtcNow;
        // Calls span the whole allocation and kill: at least 100, and until the hog's call has ended.
        while ((calls < 100 || !alloc.IsCompleted) && DateTime.UtcNow - started < ProviderFixture.Deadline)
        {
            var (status, body) = await ProviderFixture.CallAsync(calm, body: calls.ToString(CultureInfo.InvariantCulture));
            ok += status == 200 && body == calls.ToString(CultureInfo.InvariantCulture) ? 1 : 0;
            calls++;
        }

        Assert.True(alloc.IsCompleted, "the hog's call never ended");
        Assert.NotEqual("survived", alloc.IsCompletedSuccessfully ? alloc.Result.Body : "");
        await Poll.UntilAsync(async () => (await f.Provider.GetAsync("hog", Ns, None))?.LastExitReason == "OOMKilled", ProviderFixture.Deadline, "LastExitReason OOMKilled");
        // The watchdog restarts its killed function (or, if it exits, the provider restarts the replica): either way it serves again.
        await Poll.UntilAsync(async () => (await f.Provider.ResolveAsync("hog", Ns, None)) is [var e] && (await ProviderFixture.CallAsync(e, body: "again")).Status == 200,
            ProviderFixture.Deadline, "the hog to answer again after its restart");

        Assert.True(calls >= 100);
        Assert.Equal(calls, ok);
        Assert.Contains("OOMKilled", await f.LogsAsync("hog"), StringComparison.Ordinal);
    }

    [RootFact]
    public async Task A_watchdog_that_ignores_its_isolation_steps_is_never_put_in_rotation()
    {
        // Stands for a watchdog built before HARNESS_ISOLATION: it starts fine, but outside its sandbox and cgroups.
        var dir = Directory.CreateTempSubdirectory("harness-oldwd-").FullName;
        try
        {
            var script = Path.Combine(dir, "watchdog");
            // Its lock goes in the test's folder: outside a sandbox, the /tmp/.lock it is told to use is the host's.
            File.WriteAllText(script, $"#!/bin/sh\nunset HARNESS_ISOLATION\nexport lock_path='{dir}/.lock'\nexec '{TestWatchdog.Path}'\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            await using var f = new ProviderFixture(configure: o => o with { WatchdogPath = script });
            Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "old", Image = "alpine", EnvProcess = "cat" }, None)).IsOk);

            await Poll.UntilAsync(async () => (await f.Provider.GetAsync("old", Ns, None))?.LastExitReason == "IsolationFailed", ProviderFixture.Deadline, "the replica to be refused");
            Assert.Empty(await f.Provider.ResolveAsync("old", Ns, None));
            // It never cloned itself into a sandbox: its monitor has no child to check.
            Assert.Contains("has no sandboxed child", await f.LogsAsync("old"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [RootFact]
    public async Task Limits_are_written_to_the_replica_s_own_cgroups()
    {
        await using var f = new ProviderFixture();
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");
        var d = new FunctionDeployment { Service = "lim", Image = "me/upstream:0.1", Limits = new FunctionResources { Memory = "64Mi", Cpu = "500m" } };
        Assert.True((await f.Provider.DeployAsync(d, None)).IsOk);
        var e = (await f.WaitReadyAsync("lim", 1))[0];

        var cgroups = (await ProviderFixture.CallAsync(e, "read?path=/proc/self/cgroup", method: HttpMethod.Get)).Body
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 3))
            .ToDictionary(p => p[1], p => p[2]);

        Assert.Contains(e.InstanceId, cgroups["memory"], StringComparison.Ordinal);
        Assert.Equal((64L * 1024 * 1024).ToString(CultureInfo.InvariantCulture), File.ReadAllText($"/sys/fs/cgroup/memory{cgroups["memory"]}/memory.limit_in_bytes").Trim());
        Assert.Equal("50000", File.ReadAllText($"/sys/fs/cgroup/cpu{cgroups["cpu"]}/cpu.cfs_quota_us").Trim());
        Assert.Equal("1024", File.ReadAllText($"/sys/fs/cgroup/pids{cgroups["pids"]}/pids.max").Trim());
    }

    [RootFact]
    public async Task Secrets_are_mounted_at_the_openfaas_path_in_a_private_namespace()
    {
        await using var f = new ProviderFixture();
        Assert.True((await f.Provider.CreateSecretAsync(new SecretSpec { Name = "api-key", Value = "k1" }, None)).IsOk);
        Assert.Equal(ProviderOutcome.Conflict, (await f.Provider.CreateSecretAsync(new SecretSpec { Name = "api-key", Value = "k2" }, None)).Outcome);
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");
        var result = await f.Provider.DeployAsync(new FunctionDeployment { Service = "sec", Image = "me/upstream:0.1", Secrets = ["api-key"] }, None);
        Assert.True(result.IsOk, result.Message);
        Assert.Null(result.Message);
        var e = (await f.WaitReadyAsync("sec", 1))[0];

        Assert.Equal("k1", (await ProviderFixture.CallAsync(e, "read?path=/var/openfaas/secrets/api-key", method: HttpMethod.Get)).Body);
        Assert.False(File.Exists("/var/openfaas/secrets/api-key"));
        Assert.Equal(500, (await ProviderFixture.CallAsync(e, "write?path=/var/openfaas/secrets/api-key", method: HttpMethod.Get)).Status);

        Assert.True((await f.Provider.UpdateSecretAsync(new SecretSpec { Name = "api-key", Value = "k2" }, None)).IsOk);
        Assert.Equal("k2", (await ProviderFixture.CallAsync(e, "read?path=/var/openfaas/secrets/api-key", method: HttpMethod.Get)).Body);
        var stored = Path.Combine(f.StateDirectory, "secrets", Ns, "api-key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stored));
    }

    [RootFact]
    public async Task A_read_only_root_filesystem_leaves_only_tmp_writable()
    {
        await using var f = new ProviderFixture();
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");
        var result = await f.Provider.DeployAsync(new FunctionDeployment { Service = "ro", Image = "me/upstream:0.1", ReadOnlyRootFilesystem = true }, None);
        Assert.True(result.IsOk, result.Message);
        var e = (await f.WaitReadyAsync("ro", 1))[0];

        Assert.Equal(200, (await ProviderFixture.CallAsync(e, "write?path=/tmp/scratch", method: HttpMethod.Get)).Status);
        // The sandbox's root is a read-only tmpfs of its own: nothing lands on the host, and its own root refuses the write.
        var denied = await ProviderFixture.CallAsync(e, "write?path=/harness-ro-probe", method: HttpMethod.Get);
        Assert.Equal(500, denied.Status);
        Assert.Contains("Read-only file system", denied.Body, StringComparison.Ordinal);
        Assert.False(File.Exists("/harness-ro-probe"));
        Assert.Equal(500, (await ProviderFixture.CallAsync(e, "write?path=upstream.py", method: HttpMethod.Get)).Status);
    }

    [Fact]
    public async Task Without_cgroups_or_mount_namespaces_deploys_work_and_say_what_is_not_enforced()
    {
        var f = new ProviderFixture(configure: o => o with { UseCgroups = false, UseMountNamespace = false, InsecureNoSandbox = true });
        await using var _ = f;
        Assert.Contains(f.Provider.Warnings, w => w.Contains("limits are NOT enforced", StringComparison.Ordinal));
        Assert.False(f.Provider.EnforcesLimits);
        Assert.True((await f.Provider.CreateSecretAsync(new SecretSpec { Name = "token", RawValue = "raw"u8.ToArray() }, None)).IsOk);
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");

        var result = await f.Provider.DeployAsync(new FunctionDeployment
        {
            Service = "open",
            Image = "me/upstream:0.1",
            Secrets = ["token"],
            ReadOnlyRootFilesystem = true,
            Limits = new FunctionResources { Memory = "128Mi" },
        }, None);

        Assert.True(result.IsOk);
        Assert.Contains("limits of 'open' are NOT enforced", result.Message, StringComparison.Ordinal);
        Assert.Contains("readOnlyRootFilesystem of 'open' is NOT enforced", result.Message, StringComparison.Ordinal);
        Assert.Contains("env secret_mount_path", result.Message, StringComparison.Ordinal);
        var e = (await f.WaitReadyAsync("open", 1))[0];
        Assert.Equal("raw", (await ProviderFixture.CallAsync(e, "secret?name=token", method: HttpMethod.Get)).Body);

        // Without cgroups, stopping still leaves nothing behind (process groups, then the environment marker).
        await f.Provider.DisposeAsync();
        Assert.Empty(f.SurvivingProcesses());
    }
}
