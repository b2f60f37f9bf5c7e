using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Harness.Platform.Tests.Local;

namespace Harness.Platform.Tests.Acceptance;

/// <summary>Issue 3's acceptance, as a user would try it, through the real gateway, the local provider and real watchdogs.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AcceptanceTests
{
    private const string PaymentProcessor = "payment-processor";

    private static string PaymentStack => AcceptanceFixture.FixturePath("payment-processor", "payment-processor.yml");

    [Fact]
    public async Task The_payment_processor_answers_200_400_500_and_again_200_after_scaling_to_zero()
    {
        var state = Directory.CreateTempSubdirectory("harness-acceptance-").FullName;
        try
        {
            await using (var f = await AcceptanceFixture.StartAsync(state))
            {
                await f.UpAsync(PaymentStack);

                var ok = await f.InvokeAsync(PaymentProcessor, """{"tx_id": "NO123"}""");
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
                using (var json = JsonDocument.Parse(ok.Body))
                {
                    Assert.Equal("processed", json.RootElement.GetProperty("status").GetString());
                    Assert.Equal("Oslo-DC1", json.RootElement.GetProperty("region").GetString());
                    Assert.StartsWith(PaymentProcessor + "-", json.RootElement.GetProperty("node").GetString(), StringComparison.Ordinal);
                }

                var foreign = await f.InvokeAsync(PaymentProcessor, """{"tx_id": "SE123"}""");
                Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
                Assert.Contains("Invalid Norwegian Transaction ID", System.Text.Encoding.UTF8.GetString(foreign.Body), StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.BadRequest, (await f.InvokeAsync(PaymentProcessor, "{}")).StatusCode);
                var broken = await f.InvokeAsync(PaymentProcessor, "this is not json");
                Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
                Assert.Contains("Expecting value", System.Text.Encoding.UTF8.GetString(broken.Body), StringComparison.Ordinal);

                await f.Client.ScaleAsync(PaymentProcessor, 0);
                await Poll.UntilAsync(async () => (await f.Client.GetFunctionAsync(PaymentProcessor))?.AvailableReplicas == 0, AcceptanceFixture.Deadline, "scale to zero");
                Assert.Equal(HttpStatusCode.OK, (await f.InvokeAsync(PaymentProcessor, """{"tx_id": "NO9"}""")).StatusCode);
                f.Remember(await f.Provider.ResolveAsync(PaymentProcessor, PlatformDefaults.FunctionNamespace, CancellationToken.None));
            }

            // Restart: the function comes back from the state folder.
            await using (var again = await AcceptanceFixture.StartAsync(state))
            {
                var listed = await again.Client.ListFunctionsAsync();
                Assert.Contains(listed, s => s.Name == PaymentProcessor);
                Assert.Equal(HttpStatusCode.OK, (await again.InvokeAsync(PaymentProcessor, """{"tx_id": "NO7"}""")).StatusCode);
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [RootFact]
    public async Task A_function_over_its_memory_limit_is_killed_and_restarted_while_its_neighbour_answers_100_of_100()
    {
        await using var f = await AcceptanceFixture.StartAsync();
        foreach (var image in new[] { "acceptance/hog:1", "acceptance/calm:1" })
        {
            using var tgz = await ProviderFixture.UpstreamArtifactAsync();
            await f.Client.PutArtifactAsync(image, tgz);
        }

        await f.Client.DeployAsync(new FunctionDeployment { Service = "hog", Image = "acceptance/hog:1", Limits = new FunctionResources { Memory = "128m" } });
        await f.Client.DeployAsync(new FunctionDeployment { Service = "calm", Image = "acceptance/calm:1", Limits = new FunctionResources { Memory = "128m" } });
        await f.WaitReadyAsync("hog", 1);
        await f.WaitReadyAsync("calm", 1);

        // The neighbour is called all through the hog's allocation, OOM kill and restart: at least 100 calls, every one 200.
        var alloc = f.InvokeAsync("hog", "", "alloc");
        var calls = 0;
        var ok = 0;
        var start = Stopwatch.StartNew();
        while ((calls < 100 || !alloc.IsCompleted) && start.Elapsed < AcceptanceFixture.Deadline)
        {
            ok += (await f.InvokeAsync("calm", calls.ToString(CultureInfo.InvariantCulture))).StatusCode == HttpStatusCode.OK ? 1 : 0;
            calls++;
        }

        var hogCall = await alloc;
        Assert.NotEqual(HttpStatusCode.OK, hogCall.StatusCode);
        Assert.True(calls >= 100, $"only {calls} neighbour calls");
        Assert.Equal(calls, ok);
        await Poll.UntilAsync(async () => (await f.Client.GetFunctionAsync("hog"))?.LastExitReason == "OOMKilled", AcceptanceFixture.Deadline, "lastExitReason OOMKilled in /system/function/hog");
        await Poll.UntilAsync(async () => (await f.InvokeAsync("hog", "again")).StatusCode == HttpStatusCode.OK, AcceptanceFixture.Deadline, "the hog to serve again");
        Assert.Null((await f.Client.GetFunctionAsync("calm"))!.LastExitReason);
    }

    [Fact]
    public async Task Kill_9_of_a_replica_gives_quick_errors_or_answers_never_a_hang_and_it_comes_back()
    {
        await using var f = await AcceptanceFixture.StartAsync();
        using (var tgz = await ProviderFixture.UpstreamArtifactAsync())
        {
            await f.Client.PutArtifactAsync("acceptance/victim:1", tgz);
        }

        await f.Client.DeployAsync(new FunctionDeployment { Service = "victim", Image = "acceptance/victim:1" });
        var before = (await f.WaitReadyAsync("victim", 1))[0];
        Assert.Equal(HttpStatusCode.OK, (await f.InvokeAsync("victim", "hi")).StatusCode);

        var watchdog = ProcessLookup.ListeningOn(before.Address.Port);
        Assert.True(watchdog > 0, "the replica's watchdog process");
        Process.GetProcessById(watchdog).Kill();

        var statuses = new List<HttpStatusCode>();
        var slowest = TimeSpan.Zero;
        var start = Stopwatch.StartNew();
        while (start.Elapsed < AcceptanceFixture.Deadline)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var t = Stopwatch.StartNew();
            var r = await f.InvokeAsync("victim", "during", cancellationToken: cts.Token);
            slowest = t.Elapsed > slowest ? t.Elapsed : slowest;
            statuses.Add(r.StatusCode);
            if (r.StatusCode == HttpStatusCode.OK && (await f.Provider.ResolveAsync("victim", PlatformDefaults.FunctionNamespace, CancellationToken.None)) is [var now] && now.InstanceId != before.InstanceId)
            {
                break;
            }
        }

        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable }));
        Assert.Equal(HttpStatusCode.OK, statuses[^1]);
        Assert.True(slowest < TimeSpan.FromSeconds(10), $"slowest call took {slowest}");
        Assert.Equal("Signaled(SIGKILL)", (await f.Client.GetFunctionAsync("victim"))!.LastExitReason);
    }

    [Fact]
    public async Task Stopping_the_platform_leaves_no_replica_process()
    {
        var f = await AcceptanceFixture.StartAsync();
        try
        {
            await f.UpAsync(PaymentStack);
            await f.Client.ScaleAsync(PaymentProcessor, 2);
            await f.WaitReadyAsync(PaymentProcessor, 2);
            Assert.NotEmpty(f.SurvivingProcesses());
        }
        finally
        {
            await f.DisposeAsync();
        }

        Assert.Empty(f.SurvivingProcesses());
    }
}
