using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Harness.Platform.Tests.Gateway;

/// <summary>The embedded platform as <c>harness platform up</c> runs it: the gateway over the local provider with real watchdog replicas.</summary>
public sealed class LocalPlatformTests
{
    private static HttpClient Admin(EmbeddedPlatform platform)
    {
        var client = new HttpClient { BaseAddress = platform.Url, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{platform.Credentials.User}:{platform.Credentials.Password}")));
        return client;
    }

    private static async Task<int> AvailableAsync(HttpClient admin, string name)
    {
        using var doc = JsonDocument.Parse(await admin.GetStringAsync($"/system/function/{name}"));
        return doc.RootElement.GetProperty("availableReplicas").GetInt32();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds}s waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    private static List<int> ProcessesUnder(string directory)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ResolveLinkTarget(Path.Combine(dir, "cwd"), false)?.FullName is { } cwd && cwd.StartsWith(directory, StringComparison.Ordinal))
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

    [WatchdogFact]
    public async Task The_gateway_reaches_a_local_replica_over_its_unix_socket()
    {
        var state = Directory.CreateTempSubdirectory("harness-lp-").FullName;
        try
        {
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = state });
            using var admin = Admin(platform);
            var deploy = await admin.PostAsync("/system/functions", new StringContent(
                """{"service":"cat","image":"cat:latest","envProcess":"cat","labels":{"com.openfaas.scale.min":"1"}}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, deploy.StatusCode);
            await UntilAsync(async () => await AvailableAsync(admin, "cat") == 1, TimeSpan.FromSeconds(30), "a ready replica");
            var socket = Directory.EnumerateFiles(Path.Combine(state, "run"), "watchdog.sock", SearchOption.AllDirectories).Single();
            Assert.False(Local.UnixSocketClient.HasConnection(socket));

            var response = await admin.PostAsync("/function/cat", new StringContent("hello"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("hello", await response.Content.ReadAsStringAsync());
            // The forwarder keeps the connection it used: it is one to the replica's socket.
            Assert.True(Local.UnixSocketClient.HasConnection(socket), "no connection to " + socket + " after the call: the gateway went over TCP");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [WatchdogFact]
    public async Task Deploy_invoke_scale_to_zero_invoke_again_stop_without_orphans_and_come_back_after_a_restart()
    {
        var state = Directory.CreateTempSubdirectory("harness-lp-").FullName;
        try
        {
            var options = new EmbeddedPlatformOptions { Port = 0, StateDirectory = state };
            await using (var platform = await EmbeddedPlatform.StartAsync(options))
            {
                using var admin = Admin(platform);
                var deploy = await admin.PostAsync("/system/functions", new StringContent(
                    """{"service":"cat","image":"cat:latest","envProcess":"cat","labels":{"com.openfaas.scale.min":"1"}}""", Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Accepted, deploy.StatusCode);

                await UntilAsync(async () => await AvailableAsync(admin, "cat") == 1, TimeSpan.FromSeconds(30), "a ready replica");
                var warm = await admin.PostAsync("/function/cat", new StringContent("hello"));
                Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
                Assert.Equal("hello", await warm.Content.ReadAsStringAsync());

                var scale = await admin.PostAsync("/system/scale-function/cat", new StringContent("""{"serviceName":"cat","replicas":0}"""));
                Assert.Equal(HttpStatusCode.Accepted, scale.StatusCode);
                await UntilAsync(async () => await AvailableAsync(admin, "cat") == 0, TimeSpan.FromSeconds(30), "scale to zero");

                var cold = await admin.PostAsync("/function/cat", new StringContent("cold"));
                Assert.Equal(HttpStatusCode.OK, cold.StatusCode);
                Assert.Equal("cold", await cold.Content.ReadAsStringAsync());
                Assert.True(double.Parse(cold.Headers.GetValues("X-Harness-Hold-Ms").Single(), CultureInfo.InvariantCulture) > 0);
                Assert.NotEmpty(ProcessesUnder(state));
            }

            await UntilAsync(() => Task.FromResult(ProcessesUnder(state).Count == 0), TimeSpan.FromSeconds(15), "every replica to exit");

            await using (var again = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = state }))
            {
                using var admin = Admin(again);
                Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/system/function/cat")).StatusCode);
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
