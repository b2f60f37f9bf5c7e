using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Harness.Platform.Local;
using Harness.Platform.Watchdog;

namespace Harness.Platform.Tests.Gateway;

/// <summary><c>usage</c> in <c>GET /system/function/{name}</c> and the list, over the local provider with a real replica.</summary>
public sealed class UsageApiTests
{
    [WatchdogFact]
    public async Task Function_status_carries_cpu_millicores_and_memory_and_usage_false_skips_the_measurement()
    {
        var state = Directory.CreateTempSubdirectory("harness-usage-").FullName;
        try
        {
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions
            {
                Port = 0,
                StateDirectory = state,
                ProviderFactory = (context, _) => ValueTask.FromResult<Harness.Platform.Contracts.IFunctionProvider>(new LocalProvider(new LocalProviderOptions
                {
                    StateDirectory = context.StateDirectory,
                    WatchdogPath = WatchdogLocator.Find(),
                    UseMountNamespace = false,
                    InsecureNoSandbox = true,
                    StopGracePeriod = TimeSpan.FromSeconds(3),
                })),
            });
            using var admin = new HttpClient { BaseAddress = platform.Url, Timeout = TimeSpan.FromSeconds(30) };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{platform.Credentials.User}:{platform.Credentials.Password}")));
            var deploy = await admin.PostAsync("/system/functions", new StringContent("""{"service":"cat","image":"cat:latest","envProcess":"cat"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, deploy.StatusCode);
            await Poll.UntilAsync(() => platform.Provider.ResolveAsync("cat", "openfaas-fn", default).AsTask().Result.Count == 1, TimeSpan.FromSeconds(30), "a ready replica");

            using var measured = JsonDocument.Parse(await admin.GetStringAsync("/system/function/cat"));
            using var list = JsonDocument.Parse(await admin.GetStringAsync("/system/functions"));
            var started = DateTime.UtcNow;
            using var quick = JsonDocument.Parse(await admin.GetStringAsync("/system/function/cat?usage=false"));

            var usage = measured.RootElement.GetProperty("usage");
            Assert.True(usage.GetProperty("cpu").GetDouble() is >= 0 and < 1000);
            Assert.True(usage.TryGetProperty("totalMemoryBytes", out _));
            Assert.True(list.RootElement[0].GetProperty("usage").TryGetProperty("cpu", out _));
            Assert.Equal("cat", quick.RootElement.GetProperty("name").GetString());
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
