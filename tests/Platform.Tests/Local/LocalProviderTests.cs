using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Local;

public sealed class LocalProviderTests
{
    private const string Ns = PlatformDefaults.FunctionNamespace;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_faas_cli_style_deploy_of_cat_becomes_ready_and_echoes()
    {
        await using var f = new ProviderFixture();
        var result = await f.Provider.DeployAsync(new FunctionDeployment { Service = "echo", Image = "ghcr.io/openfaas/alpine:latest", EnvProcess = "cat" }, None);
        Assert.True(result.IsOk, result.Message);

        var ready = await f.WaitReadyAsync("echo", 1);
        var (status, body) = await ProviderFixture.CallAsync(ready[0], body: "hello");

        Assert.Equal(200, status);
        Assert.Equal("hello", body);
        var s = await f.Provider.GetAsync("echo", Ns, None);
        Assert.Equal(1, s!.Replicas);
        Assert.Equal(1, s.AvailableReplicas);
        Assert.Equal("cat", s.EnvProcess);
        Assert.Null(s.LastExitReason);
    }

    [Fact]
    public async Task Status_reports_the_artifacts_fprocess_when_the_deployment_names_none_and_the_deployments_when_it_does()
    {
        await using var f = new ProviderFixture(configure: o => o with { UseCgroups = false });
        await f.PutUpstreamArtifactAsync("built/http:1");
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "built", Image = "built/http:1" }, None)).IsOk);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "overridden", Image = "built/http:1", EnvProcess = "cat" }, None)).IsOk);

        Assert.Equal("/usr/bin/python3 upstream.py", (await f.Provider.GetAsync("built", Ns, None))!.EnvProcess);
        Assert.Equal("cat", (await f.Provider.GetAsync("overridden", Ns, None))!.EnvProcess);
        var listed = await f.Provider.ListAsync(Ns, None);
        Assert.Equal("/usr/bin/python3 upstream.py", listed.Single(s => s.Name == "built").EnvProcess);
    }

    [Fact]
    public async Task Replicas_that_notify_readiness_are_ready_without_waiting_for_the_poll()
    {
        // The safety-net poll is an hour: only the watchdog's READY=1 can make these replicas ready in time.
        await using var f = new ProviderFixture(configure: o => o with { ReadinessFallbackPollInterval = TimeSpan.FromHours(1) });
        await f.PutUpstreamArtifactAsync("notify/http:1");
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "cat", Image = "alpine", EnvProcess = "cat" }, None)).IsOk);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "http", Image = "notify/http:1" }, None)).IsOk);

        foreach (var name in new[] { "cat", "http" })
        {
            using var deadline = new CancellationTokenSource(ProviderFixture.Deadline);
            while (true)
            {
                // The gateway's pattern: take the signal, then look; a change in between is never missed.
                var changed = f.Provider.ReadyChanged(name, Ns);
                if ((await f.Provider.ResolveAsync(name, Ns, None)).Count == 1)
                {
                    break;
                }

                await changed.WaitAsync(deadline.Token);
            }
        }

        Assert.False(f.Provider.ReadyChanged("missing", Ns).IsCompleted);
    }

    [Theory]
    [InlineData("READY=1\nMAINPID=4242\n", 4242)]
    [InlineData("MAINPID=17\nREADY=1", 17)]
    [InlineData("STATUS=starting\nMAINPID=17\n", null)]
    [InlineData("READY=1\nMAINPID=-3\n", null)]
    [InlineData("READY=1\n", null)]
    public void Notify_datagrams_name_the_ready_pid(string datagram, int? pid) =>
        Assert.Equal(pid, Harness.Platform.Local.ReadinessListener.ReadyPid(System.Text.Encoding.ASCII.GetBytes(datagram)));

    [Theory]
    [InlineData("READY=1\nMAINPID=1\nHARNESS_REPLICA=fn-ab12c\n", "id:fn-ab12c")]
    [InlineData("READY=1\nMAINPID=4242\n", "pid:4242")]
    [InlineData("MAINPID=1\nHARNESS_REPLICA=fn-ab12c\n", null)]
    public void Notify_datagrams_of_a_sandboxed_watchdog_name_its_replica(string datagram, string? key) =>
        Assert.Equal(key, Harness.Platform.Local.ReadinessListener.ReadyKey(System.Text.Encoding.ASCII.GetBytes(datagram)));

    [Fact]
    public async Task Scales_up_to_three_distinct_replicas_and_down_to_zero_without_leftovers()
    {
        await using var f = new ProviderFixture();
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "wc", Image = "wc", EnvProcess = "wc -c" }, None)).IsOk);
        await f.WaitReadyAsync("wc", 1);

        Assert.True((await f.Provider.ScaleAsync("wc", Ns, 3, None)).IsOk);
        var three = await f.WaitReadyAsync("wc", 3);
        Assert.Equal(3, three.Select(e => e.Address.Port).Distinct().Count());
        foreach (var e in three)
        {
            Assert.Equal("5", (await ProviderFixture.CallAsync(e, body: "12345")).Body.Trim());
        }

        Assert.True((await f.Provider.ScaleAsync("wc", Ns, 0, None)).IsOk);
        Assert.Empty(await f.Provider.ResolveAsync("wc", Ns, None));
        await Poll.UntilAsync(() => f.SurvivingProcesses().Count == 0, ProviderFixture.Deadline, "the replicas to stop");
        var s = await f.Provider.GetAsync("wc", Ns, None);
        Assert.Equal(0, s!.Replicas);
        Assert.Equal(0, s.AvailableReplicas);
    }

    [Fact]
    public async Task An_http_mode_artifact_runs_each_replica_on_its_own_upstream_port()
    {
        await using var f = new ProviderFixture();
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");
        var labels = new Dictionary<string, string> { [PlatformDefaults.ScaleMinLabel] = "2" };
        var result = await f.Provider.DeployAsync(new FunctionDeployment { Service = "up", Image = "me/upstream:0.1", Labels = labels }, None);
        Assert.True(result.IsOk, result.Message);

        var ready = await f.WaitReadyAsync("up", 2);
        var bodies = new List<string>();
        foreach (var e in ready)
        {
            var (status, body) = await ProviderFixture.CallAsync(e, body: "x");
            Assert.Equal(200, status);
            Assert.StartsWith($"hello from {e.InstanceId}: x", body, StringComparison.Ordinal);
            bodies.Add(body);
        }

        Assert.Single(await f.Provider.ListAsync(Ns, None));
        var artifacts = await f.Provider.ListAsync(None);
        Assert.Equal("me/upstream:0.1", Assert.Single(artifacts).Image);
        Assert.StartsWith("sha256:", artifacts[0].Digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_replica_is_restarted_and_its_exit_reason_reported()
    {
        await using var f = new ProviderFixture();
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "victim", Image = "x", EnvProcess = "cat" }, None)).IsOk);
        var before = (await f.WaitReadyAsync("victim", 1))[0];
        var pid = ProcessLookup.ListeningOn(before.Address.Port);

        Assert.True(pid > 0);
        System.Diagnostics.Process.GetProcessById(pid).Kill();
        await Poll.UntilAsync(async () => (await f.Provider.ResolveAsync("victim", Ns, None)) is [var e] && e.InstanceId != before.InstanceId, ProviderFixture.Deadline, "a new replica");
        var after = await f.WaitReadyAsync("victim", 1);

        Assert.Equal("ok", (await ProviderFixture.CallAsync(after[0], body: "ok")).Body);
        var s = await f.Provider.GetAsync("victim", Ns, None);
        Assert.Equal("Signaled(SIGKILL)", s!.LastExitReason);
        var logs = new List<LogEntry>();
        await foreach (var e in f.Provider.LogsAsync(new LogRequest("victim", Ns), None))
        {
            logs.Add(e);
        }

        Assert.Contains(logs, l => l.Instance == before.InstanceId && l.Text.Contains("exited: Signaled(SIGKILL)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Functions_come_back_after_a_restart_on_the_same_state_folder()
    {
        var state = Directory.CreateTempSubdirectory("harness-provider-").FullName;
        try
        {
            var first = new ProviderFixture(state);
            await using (first)
            {
                Assert.True((await first.Provider.CreateSecretAsync(new SecretSpec { Name = "token", Value = "s3cr3t" }, None)).IsOk);
                await first.PutUpstreamArtifactAsync("me/upstream:0.1");
                Assert.True((await first.Provider.DeployAsync(new FunctionDeployment { Service = "keep", Image = "me/upstream:0.1", Secrets = ["token"] }, None)).IsOk);
                await first.WaitReadyAsync("keep", 1);
                Assert.True((await first.Provider.ScaleAsync("keep", Ns, 2, None)).IsOk);
                await first.WaitReadyAsync("keep", 2);
            }

            Assert.Empty(first.SurvivingProcesses());

            await using var second = new ProviderFixture(state);
            await second.Provider.StartAsync(None);
            var ready = await second.WaitReadyAsync("keep", 2);
            Assert.Equal("s3cr3t", (await ProviderFixture.CallAsync(ready[0], "secret?name=token", method: HttpMethod.Get)).Body);
            Assert.Equal("token", Assert.Single(await second.Provider.ListSecretsAsync(Ns, None)).Name);
            var s = await second.Provider.GetAsync("keep", Ns, None);
            Assert.Equal(2, s!.Replicas);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task A_start_kills_replicas_left_by_a_provider_that_died()
    {
        var state = Directory.CreateTempSubdirectory("harness-provider-").FullName;
        var crashed = new ProviderFixture(state);
        try
        {
            Assert.True((await crashed.Provider.DeployAsync(new FunctionDeployment { Service = "left", Image = "x", EnvProcess = "cat" }, None)).IsOk);
            await crashed.WaitReadyAsync("left", 1);
            // Nothing stops the first provider's replica, as if it had been SIGKILLed; the next start must, and remove
            // the folder a zygote of it left.
            var zygote = Directory.CreateDirectory(Path.Combine(state, "run", ".prefork", "zygote-0123456789ab")).FullName;
            File.WriteAllText(Path.Combine(zygote, "zygote.py"), "");
            await using var next = new ProviderFixture(state);
            await next.Provider.StartAsync(None);
            await Poll.UntilAsync(() => crashed.SurvivingProcesses().Count == 0, ProviderFixture.Deadline, "the leftover replica to be killed");
            Assert.False(Directory.Exists(zygote));
            await next.WaitReadyAsync("left", 1);
        }
        finally
        {
            await crashed.DisposeAsync();
            Directory.Delete(state, recursive: true);
        }
    }

    [Fact]
    public async Task Dispose_leaves_no_process_behind()
    {
        var f = new ProviderFixture();
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "a", Image = "me/upstream:0.1" }, None)).IsOk);
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "b", Image = "b", EnvProcess = "cat" }, None)).IsOk);
        await f.WaitReadyAsync("a", 1);
        await f.WaitReadyAsync("b", 1);
        Assert.NotEmpty(f.SurvivingProcesses());

        await f.DisposeAsync();

        Assert.Empty(f.SurvivingProcesses());
    }

    [Fact]
    public async Task Deploys_that_cannot_run_are_rejected_with_every_reason()
    {
        await using var f = new ProviderFixture();

        var noArtifact = await f.Provider.DeployAsync(new FunctionDeployment { Service = "ghost", Image = "nowhere/ghost:1" }, None);
        Assert.Equal(ProviderOutcome.Invalid, noArtifact.Outcome);
        Assert.Contains("no artifact named 'nowhere/ghost:1'", noArtifact.Message, StringComparison.Ordinal);

        var bad = await f.Provider.DeployAsync(new FunctionDeployment
        {
            Service = "Bad_Name",
            Image = "x",
            EnvProcess = "cat",
            Limits = new FunctionResources { Memory = "lots", Cpu = "fast" },
            Secrets = ["missing"],
        }, None);
        Assert.Equal(ProviderOutcome.Invalid, bad.Outcome);
        Assert.Contains("service:", bad.Message, StringComparison.Ordinal);
        Assert.Contains("limits.memory", bad.Message, StringComparison.Ordinal);
        Assert.Contains("limits.cpu", bad.Message, StringComparison.Ordinal);
        Assert.Contains("secrets: 'missing'", bad.Message, StringComparison.Ordinal);
        Assert.Empty(await f.Provider.ListAsync(Ns, None));

        Assert.Equal(ProviderOutcome.NotFound, (await f.Provider.UpdateAsync(new FunctionDeployment { Service = "nope", Image = "x", EnvProcess = "cat" }, None)).Outcome);
        Assert.Equal(ProviderOutcome.NotFound, (await f.Provider.ScaleAsync("nope", Ns, 1, None)).Outcome);
        Assert.Equal(ProviderOutcome.NotFound, (await f.Provider.DeleteAsync("nope", Ns, None)).Outcome);
    }

    [Fact]
    public async Task Update_replaces_the_replicas_and_delete_removes_everything()
    {
        await using var f = new ProviderFixture();
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "u", Image = "x", EnvProcess = "cat" }, None)).IsOk);
        var old = (await f.WaitReadyAsync("u", 1))[0];
        Assert.Equal(ProviderOutcome.Conflict, (await f.Provider.DeployAsync(new FunctionDeployment { Service = "u", Image = "x", EnvProcess = "cat" }, None)).Outcome);

        Assert.True((await f.Provider.UpdateAsync(new FunctionDeployment { Service = "u", Image = "x", EnvProcess = "wc -c" }, None)).IsOk);
        await Poll.UntilAsync(async () => (await f.Provider.ResolveAsync("u", Ns, None)) is [var e] && e.InstanceId != old.InstanceId, ProviderFixture.Deadline, "the new replica to replace the old one");
        var now = (await f.Provider.ResolveAsync("u", Ns, None))[0];
        f.Remember([now]);
        Assert.Equal("3", (await ProviderFixture.CallAsync(now, body: "abc")).Body.Trim());
        Assert.Equal("wc -c", (await f.Provider.GetAsync("u", Ns, None))!.EnvProcess);

        Assert.True((await f.Provider.DeleteAsync("u", Ns, None)).IsOk);
        Assert.Null(await f.Provider.GetAsync("u", Ns, None));
        Assert.Empty(f.SurvivingProcesses());
        Assert.False(File.Exists(Path.Combine(f.StateDirectory, "functions", Ns, "u.json")));
    }

    [Fact]
    public async Task Logs_hold_replica_output_and_follow_new_lines()
    {
        await using var f = new ProviderFixture();
        await f.PutUpstreamArtifactAsync("me/upstream:0.1");
        Assert.True((await f.Provider.DeployAsync(new FunctionDeployment { Service = "talk", Image = "me/upstream:0.1" }, None)).IsOk);
        var ready = await f.WaitReadyAsync("talk", 1);

        await Poll.UntilAsync(async () =>
        {
            await foreach (var e in f.Provider.LogsAsync(new LogRequest("talk", Ns, Tail: 50), None))
            {
                if (e.Text.Contains("upstream listening on", StringComparison.Ordinal) && e.Instance == ready[0].InstanceId)
                {
                    return true;
                }
            }

            return false;
        }, ProviderFixture.Deadline, "the function's start line in the logs");

        using var cts = new CancellationTokenSource(ProviderFixture.Deadline);
        var follow = f.Provider.LogsAsync(new LogRequest("talk", Ns, Follow: true, Since: DateTimeOffset.UtcNow), cts.Token).GetAsyncEnumerator(cts.Token);
        var next = follow.MoveNextAsync().AsTask();
        Assert.True((await f.Provider.ScaleAsync("talk", Ns, 2, None)).IsOk);
        Assert.True(await next);
        Assert.Equal("talk", follow.Current.Name);
        await cts.CancelAsync();
        await follow.DisposeAsync();
    }
}
