using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Platform.Watchdog.Tests.Support;
using Harness.Watchdog.Http;

namespace Harness.Platform.Watchdog.Tests;

/// <summary>Each call logs one line as of-watchdog does, so <c>faas-cli logs</c> shows calls; probes log nothing.</summary>
public sealed partial class CallLogTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(3, "3B")]
    [InlineData(999, "999B")]
    [InlineData(1234, "1.234kB")]
    [InlineData(3_145_745, "3.146MB")]
    [InlineData(-1, "-1B")]
    public void Sizes_read_as_go_units_prints_them(long bytes, string expected) =>
        Assert.Equal(expected, CallLog.HumanSize(bytes));

    [Theory]
    [InlineData(0.00123, "(0.0012s)")]
    [InlineData(1.23456, "(1.2346s)")]
    [InlineData(12.5, "(12.5000s)")]
    public void A_line_reads_as_of_watchdogs(double seconds, string duration)
    {
        var buffer = new byte[256];
        Assert.True(CallLog.TryFormat(buffer, out var n, "POST", "/a?b=1", 201, withReason: true, 1234, seconds, callId: ""));
        Assert.Equal($"POST /a?b=1 - 201 Created - ContentLength: 1.234kB {duration} [none]", Encoding.UTF8.GetString(buffer, 0, n));
        Assert.False(CallLog.TryFormat(new byte[20], out _, "POST", "/a", 200, withReason: false, 3, seconds, callId: null));
    }

    [Fact]
    public async Task Http_mode_logs_method_target_status_line_length_and_duration_of_each_call_and_not_the_probes()
    {
        using var dir = new TempDirectory();
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>
        {
            ["mode"] = "http",
            ["fprocess"] = UpstreamScript.Write(dir),
            ["upstream_url"] = "http://127.0.0.1:0",
        });
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");

        using var response = await wd.PostAsync("/created/x?q=1", new StringContent("body", Encoding.UTF8));
        var length = (await response.Content.ReadAsByteArrayAsync()).Length;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await Poll.UntilAsync(() => wd.Stderr.Contains("POST /created/x?q=1", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the call's log line");
        var line = wd.Stderr.Split('\n').Single(l => l.Contains("POST /created/x?q=1", StringComparison.Ordinal));
        Assert.Matches(LineShape(), line);
        Assert.Contains($" - 201 Created - ContentLength: {length}B (", line, StringComparison.Ordinal);
        Assert.DoesNotContain("/_/health", wd.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fork_modes_log_the_code_and_the_bytes_written_and_log_call_id_adds_the_call_id()
    {
        await using var serializing = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat", ["log_call_id"] = "true" });
        await using var streaming = await WatchdogProcess.StartAsync(new Dictionary<string, string> { ["fprocess"] = "cat", ["mode"] = "streaming" });

        using (var request = new HttpRequestMessage(HttpMethod.Post, serializing.Url("/")) { Content = new StringContent("hello", Encoding.UTF8) })
        {
            request.Headers.Add("X-Call-Id", "call-7");
            using var answer = await serializing.Client.SendAsync(request);
            Assert.Equal("hello", await answer.Content.ReadAsStringAsync());
        }

        using (var answer = await streaming.PostAsync("/p?a=b", new ByteArrayContent(new byte[2500])))
        {
            Assert.Equal(2500, (await answer.Content.ReadAsByteArrayAsync()).Length);
        }

        await Poll.UntilAsync(() => serializing.Stderr.Contains("POST / - 200 - ContentLength: 5B (", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the serializing call's line");
        Assert.Contains("s) [call-7]", serializing.Stderr, StringComparison.Ordinal);
        // Streamed: no Content-Length, so the bytes the function wrote.
        await Poll.UntilAsync(() => streaming.Stderr.Contains("POST /p?a=b - 200 - ContentLength: 2.5kB (", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the streamed call's line");
        Assert.DoesNotContain("[", streaming.Stderr.Split('\n').Single(l => l.Contains("POST /p?a=b", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_reader_that_stops_reading_stalls_no_call_and_no_shutdown()
    {
        using var dir = new TempDirectory();
        await using var wd = await WatchdogProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["mode"] = "http",
                ["fprocess"] = UpstreamScript.Write(dir),
                ["upstream_url"] = "http://127.0.0.1:0",
            },
            readStderr: false);
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/health") == 200, TimeSpan.FromSeconds(10), "upstream ready");

        // About 0.5 kB of log per call: 300 calls are more than twice what the pipe holds, unread.
        var query = new string('q', 450);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        for (var i = 0; i < 300; i++)
        {
            using var response = await wd.Client.GetAsync(wd.Url($"/call/{i}?{query}"), deadline.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        wd.Signal(Signals.SIGTERM);
        Assert.Equal(0, await wd.WaitForExitAsync(TimeSpan.FromSeconds(20)));

        // What the pipe held is there, in order (its last line may be cut where the pipe was full).
        wd.ReadStderr();
        await Poll.UntilAsync(() => wd.Stderr.Contains("GET /call/0?", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "the first calls' lines");
        var logged = CallNumber().Matches(wd.Stderr).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(logged.Count, 50, 299);
        Assert.Equal(Enumerable.Range(0, logged.Count), logged);
    }

    [GeneratedRegex(@"GET /call/(\d+)\?")]
    private static partial Regex CallNumber();

    [GeneratedRegex(@"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d{3} POST /created/x\?q=1 - 201 Created - ContentLength: \d+B \(\d+\.\d{4}s\)$")]
    private static partial Regex LineShape();
}
