using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

public sealed class SerializingModeTests
{
    [Fact]
    public async Task Cat_echoes_the_body_with_200_and_a_duration_header()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat" });

        using var response = await wd.PostAsync("/", new StringContent("hello watchdog", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hello watchdog", await response.Content.ReadAsStringAsync());
        Assert.True(double.Parse(response.Headers.GetValues("X-Duration-Seconds").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Http_variables_reach_the_process()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "env" });
        using var request = new HttpRequestMessage(HttpMethod.Put, wd.Url("/orders/7?id=1&x=y"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-By", "harness-test");

        using var response = await wd.Client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Http_Method=PUT", lines);
        Assert.Contains("Http_Query=id=1&x=y", lines);
        Assert.Contains("Http_Path=/orders/7", lines);
        Assert.Contains("Http_X_Forwarded_By=harness-test", lines);
        Assert.Contains("Http_Content_Type=application/json; charset=utf-8", lines);
        Assert.Contains("Http_ContentLength=2", lines);
    }

    [Fact]
    public async Task Non_zero_exit_gives_500_with_the_exit_status_and_output()
    {
        using var dir = new TempDirectory();
        var fprocess = dir.Script("fail.sh", "echo partial output; echo oops >&2; exit 3");
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = fprocess });

        using var response = await wd.PostAsync("/", new StringContent("x"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("exit status 3\n", body, StringComparison.Ordinal);
        Assert.Contains("partial output", body, StringComparison.Ordinal);
        Assert.Contains("oops", body, StringComparison.Ordinal); // combine_output defaults to true, as in the classic watchdog
    }

    [Fact]
    public async Task Combine_output_false_keeps_stderr_out_of_the_body_and_in_the_log()
    {
        using var dir = new TempDirectory();
        var fprocess = dir.Script("noisy.sh", "echo body; echo to-the-log >&2");
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["fprocess"] = fprocess,
            ["combine_output"] = "false",
            ["content_type"] = "text/csv",
        });

        using var response = await wd.PostAsync("/", new StringContent("x"));

        Assert.Equal("body\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        await Poll.UntilAsync(() => wd.Stderr.Contains("stderr: to-the-log", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "stderr in the log");
    }

    [Fact]
    public async Task Ten_MiB_and_binary_bodies_round_trip_intact()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat" });
        var big = new byte[10 * 1024 * 1024];
        new Random(42).NextBytes(big);
        var binary = Enumerable.Range(0, 256 * 4).Select(i => (byte)(i % 256)).ToArray();

        foreach (var payload in new[] { big, binary })
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await wd.PostAsync("/", content);
            var echoed = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(payload.Length, echoed.Length);
            Assert.True(payload.SequenceEqual(echoed), "body changed on the way through");
        }
    }

    [Fact]
    public async Task Chunked_request_body_reaches_stdin()
    {
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "wc -c" });
        using var content = new StreamContent(new MemoryStream(new byte[12345]));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, wd.Url("/")) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await wd.Client.SendAsync(request);

        Assert.Equal("12345", (await response.Content.ReadAsStringAsync()).Trim());
    }
}
