using System.Net;
using System.Text;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class StreamingModeTests
{
    [Fact]
    public async Task Streams_the_body_through_the_process()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat", ["mode"] = "streaming" });
        var payload = new byte[3 * 1024 * 1024 + 17];
        new Random(7).NextBytes(payload);

        using var response = await wd.PostAsync("/", new ByteArrayContent(payload));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(payload, echoed);
    }

    [Fact]
    public async Task A_failing_process_still_answers_200_as_in_of_watchdog()
    {
        using var dir = new TempDirectory();
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = dir.Script("fail.sh", "echo some; exit 4"),
            ["mode"] = "streaming",
        });

        using var response = await wd.PostAsync("/", new StringContent("x", Encoding.UTF8));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("some\n", await response.Content.ReadAsStringAsync());
        await Poll.UntilAsync(() => wd.Stderr.Contains("exited with status 4", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the exit logged");
    }
}
