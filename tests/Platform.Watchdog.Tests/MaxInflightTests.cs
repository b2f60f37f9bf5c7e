using System.Net;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class MaxInflightTests
{
    [Fact]
    public async Task Requests_over_max_inflight_get_429_and_ready_reports_it()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = "cat",
            ["max_inflight"] = "2",
        });

        // Two requests whose bodies are held open keep two `cat` processes busy: a deterministic "in flight".
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Enumerable.Range(0, 2).Select(_ => wd.PostAsync("/", new HeldContent(release.Task))).ToArray();
        await Poll.UntilAsync(async () => await InFlightAsync(wd) == 2, TimeSpan.FromSeconds(10), "two requests in flight");

        using (var refused = await wd.PostAsync("/", new StringContent("third")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("Concurrent request limit exceeded. Max concurrent requests: 2", await refused.Content.ReadAsStringAsync());
            Assert.Equal("faas-middleware", refused.Headers.GetValues("X-OpenFaaS-Internal").Single());
        }

        Assert.Equal(429, await wd.StatusAsync("/_/ready"));
        Assert.Equal(200, await wd.StatusAsync("/_/health"));

        release.SetResult();
        foreach (var response in await Task.WhenAll(held))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("held", await response.Content.ReadAsStringAsync());
            response.Dispose();
        }

        using var after = await wd.PostAsync("/", new StringContent("again"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(200, await wd.StatusAsync("/_/ready"));
    }

    private static async Task<int> InFlightAsync(WatchdogProcess wd)
    {
        var metrics = await wd.Client.GetStringAsync(wd.Url("/metrics"));
        var line = metrics.Split('\n').Single(l => l.StartsWith("http_requests_in_flight ", StringComparison.Ordinal));
        return int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sends "he", then waits for the test to release it before sending "ld".</summary>
    private sealed class HeldContent(Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync("he"u8.ToArray());
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync("ld"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 4;
            return true;
        }
    }
}
