using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Harness.Platform.Http11;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Tests.Http11;

public sealed class Http11ForwarderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    // Kestrel reports a request's "Connection: keep-alive, X-Drop" as "keep-alive" alone, so the forwarder cannot see
    // that X-Drop is hop-by-hop; docs/platform/gateway.md says so. This pins that layer: if Kestrel starts keeping
    // the other tokens, X-Drop is dropped, this fails, and the doc's exception can go.
    [Fact]
    public async Task A_header_named_in_connection_beside_keep_alive_passes_because_kestrel_reports_only_keep_alive()
    {
        await using var upstream = new ScriptedUpstream(_ => Reply.Ok("fine"));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));
        foreach (var (connection, dropped) in new[] { ("keep-alive, X-Drop", false), ("te, X-Drop", true) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, proxy.Url);
            request.Headers.TryAddWithoutValidation("Connection", connection);
            request.Headers.Add("X-Drop", "secret");
            request.Headers.Add("X-Kept", "1");

            using var response = await proxy.Client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var seen = upstream.Requests.Last();
            Assert.Equal("1", seen.Header("X-Kept"));
            Assert.Equal(dropped ? null : "secret", seen.Header("X-Drop"));
        }
    }

    [Fact]
    public async Task Forwards_method_target_and_end_to_end_headers_and_drops_hop_by_hop_ones()
    {
        await using var upstream = new ScriptedUpstream(_ => Reply.Ok("fine"));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url), headers: [new("X-Call-Id", "from-proxy")]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(proxy.Url, "a/b%20c?x=1&y=%2F"))
        {
            Content = new StringContent("hello body", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-Custom", ["one", "two"]);
        request.Headers.Add("X-Call-Id", "from-client");
        request.Headers.Add("X-Private-Hop", "secret");
        request.Headers.Connection.Add("X-Private-Hop");
        request.Headers.Add("Keep-Alive", "timeout=5");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));

        using var response = await proxy.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fine", await response.Content.ReadAsStringAsync());
        var seen = Assert.Single(upstream.Requests);
        Assert.Equal("POST /a/b%20c?x=1&y=%2F HTTP/1.1", seen.RequestLine);
        Assert.Equal(upstream.Url.Authority, seen.Header("Host"));
        Assert.Equal("hello body", Encoding.UTF8.GetString(seen.Body));
        Assert.Equal("10", seen.Header("Content-Length"));
        Assert.Equal("one, two", seen.Header("X-Custom"));
        Assert.Equal("from-proxy", seen.Header("X-Call-Id"));
        Assert.Equal(1, seen.Count("X-Call-Id"));
        Assert.Equal("text/plain; charset=utf-8", seen.Header("Content-Type"));
        foreach (var hop in new[] { "Connection", "Keep-Alive", "TE", "X-Private-Hop", "Transfer-Encoding", "Expect" })
        {
            Assert.Null(seen.Header(hop));
        }
    }

    [Fact]
    public async Task Relays_status_and_headers_but_not_the_upstreams_connection_headers()
    {
        await using var upstream = new ScriptedUpstream(_ => Reply.Raw(
            "HTTP/1.1 418 I'm a teapot\r\nX-Multi: a\r\nX-Multi: b\r\nConnection: X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\nContent-Length: 3\r\n\r\ntea"));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));

        using var response = await proxy.Client.GetAsync(proxy.Url);

        Assert.Equal((HttpStatusCode)418, response.StatusCode);
        Assert.Equal("tea", await response.Content.ReadAsStringAsync());
        Assert.Equal(["a", "b"], response.Headers.GetValues("X-Multi"));
        Assert.False(response.Headers.Contains("X-Hop"));
        Assert.False(response.Headers.Contains("Keep-Alive"));
        Assert.Equal("1", response.Headers.GetValues("X-Relayed").Single());
        Assert.Equal(3, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Decodes_a_chunked_answer_with_extensions_and_trailers()
    {
        await using var upstream = new ScriptedUpstream(_ => Reply.Raw(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n1\r\n \r\n6\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n"));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));

        Assert.Equal("hello world!", await proxy.Client.GetStringAsync(proxy.Url));
        Assert.Equal("hello world!", await proxy.Client.GetStringAsync(proxy.Url));
        Assert.Equal(1, upstream.Accepted);
    }

    [Fact]
    public async Task An_http_1_0_answer_runs_until_close_and_its_connection_is_not_reused()
    {
        await using var upstream = new ScriptedUpstream(_ => Reply.Raw("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end", close: true));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));

        Assert.Equal("until the end", await proxy.Client.GetStringAsync(proxy.Url));
        Assert.Equal("until the end", await proxy.Client.GetStringAsync(proxy.Url));
        Assert.Equal(2, upstream.Accepted);
        Assert.Equal(0, proxy.Pool.IdleCount);
    }

    [Fact]
    public async Task Keeps_one_upstream_connection_for_sequential_calls()
    {
        await using var upstream = new ScriptedUpstream(r => Reply.Ok(r.RequestLine));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"GET /{i} HTTP/1.1", await proxy.Client.GetStringAsync(new Uri(proxy.Url, i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal(1, upstream.Accepted);
        Assert.Equal(1, proxy.Pool.IdleCount);
    }

    [Fact]
    public async Task A_pooled_connection_the_upstream_closed_is_replaced_without_failing_the_call()
    {
        await using var upstream = new ScriptedUpstream(_ => Reply.Ok("again"));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));
        Assert.Equal("again", await proxy.Client.GetStringAsync(proxy.Url));

        upstream.DropConnections();

        using var response = await proxy.Client.PostAsync(proxy.Url, new StringContent("small"));
        Assert.Equal("again", await response.Content.ReadAsStringAsync());
        Assert.Equal(2, upstream.Accepted);
        Assert.Equal("small", Encoding.UTF8.GetString(upstream.Requests.Last().Body));
    }

    [Fact]
    public async Task A_body_of_unknown_length_goes_chunked_and_a_large_one_is_streamed_whole()
    {
        await using var upstream = new ScriptedUpstream(r => Reply.Ok(r.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));
        var large = new byte[300_000];
        Random.Shared.NextBytes(large);

        using var chunked = new HttpRequestMessage(HttpMethod.Put, proxy.Url) { Content = new StreamContent(new UnknownLengthStream(large)) };
        using var chunkedResponse = await proxy.Client.SendAsync(chunked);
        Assert.Equal("300000", await chunkedResponse.Content.ReadAsStringAsync());
        var first = upstream.Requests.Single();
        Assert.True(first.Chunked);
        Assert.Equal(large, first.Body);

        using var sized = await proxy.Client.PostAsync(proxy.Url, new ByteArrayContent(large));
        Assert.Equal("300000", await sized.Content.ReadAsStringAsync());
        var second = upstream.Requests.Last();
        Assert.False(second.Chunked);
        Assert.Equal("300000", second.Header("Content-Length"));
        Assert.Equal(large, second.Body);
    }

    [Fact]
    public async Task Interim_answers_are_skipped_and_head_and_204_answers_carry_no_body()
    {
        await using var upstream = new ScriptedUpstream(r => r.RequestLine.StartsWith("HEAD", StringComparison.Ordinal)
            ? Reply.Raw("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n")
            : r.RequestLine.Contains("/empty", StringComparison.Ordinal)
                ? Reply.Raw("HTTP/1.1 204 No Content\r\n\r\n")
                : Reply.Raw("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal"));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));

        Assert.Equal("final", await proxy.Client.GetStringAsync(proxy.Url));
        using var head = await proxy.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, proxy.Url));
        Assert.Equal(1234, head.Content.Headers.ContentLength);
        using var empty = await proxy.Client.GetAsync(new Uri(proxy.Url, "empty"));
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.Equal("final", await proxy.Client.GetStringAsync(proxy.Url));
        Assert.Equal(1, upstream.Accepted);
    }

    [Fact]
    public async Task A_body_cut_short_aborts_the_client_connection_rather_than_ending_it_cleanly()
    {
        await using var upstream = new ScriptedUpstream(_ => Reply.Raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b", close: true));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => proxy.Client.GetStringAsync(proxy.Url));
        Assert.Equal(Http11ForwardError.ResponseBody, proxy.LastResult);
    }

    [Fact]
    public async Task Unreachable_garbage_and_silent_upstreams_give_their_own_errors()
    {
        using var unused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        unused.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var refusing = new Uri($"http://127.0.0.1:{((IPEndPoint)unused.LocalEndPoint!).Port}/");
        await using (var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(refusing)))
        {
            using var response = await proxy.Client.GetAsync(proxy.Url);
            Assert.Equal("Request", await response.Content.ReadAsStringAsync());
        }

        await using var garbage = new ScriptedUpstream(_ => Reply.Raw("SSH-2.0-OpenSSH\r\n\r\n", close: true));
        await using (var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(garbage.Url)))
        {
            using var response = await proxy.Client.GetAsync(proxy.Url);
            Assert.Equal("ResponseHeaders", await response.Content.ReadAsStringAsync());
        }

        var never = new TaskCompletionSource();
        await using var silent = new ScriptedUpstream(_ => new Reply([[], Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")], PauseBetweenParts: never.Task));
        await using (var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(silent.Url), activityTimeout: TimeSpan.FromMilliseconds(300)))
        {
            using var response = await proxy.Client.GetAsync(proxy.Url);
            Assert.Equal("RequestTimedOut", await response.Content.ReadAsStringAsync());
        }

        never.SetResult();
    }

    [Fact]
    public async Task A_streamed_answer_reaches_the_client_before_the_upstream_has_finished()
    {
        var firstPartRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var upstream = new ScriptedUpstream(_ => new Reply(
            [Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nfirst\n\r\n"), Encoding.Latin1.GetBytes("5\r\nlast\n\r\n0\r\n\r\n")],
            PauseBetweenParts: firstPartRead.Task));
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(upstream.Url));

        using var response = await proxy.Client.GetAsync(proxy.Url, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(Deadline);
        Assert.Equal("first", await reader.ReadLineAsync(timeout.Token));
        firstPartRead.SetResult();
        Assert.Equal("last", await reader.ReadLineAsync(timeout.Token));
        Assert.Null(await reader.ReadLineAsync(timeout.Token));
    }

    [Theory]
    [InlineData(true, 32)]
    [InlineData(false, 5)]
    public async Task Large_bodies_pass_both_ways_whether_the_replica_answers_while_it_reads_or_after(bool streaming, int megabytes)
    {
        // Streaming echoes each piece as it arrives, like a streaming watchdog running cat: the proxy must read while
        // it sends. The other answers with a Content-Length once it has read everything, like the serializing mode.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
        });
        await using var echo = builder.Build();
        echo.Run(async context =>
        {
            if (!streaming)
            {
                var all = new MemoryStream();
                await context.Request.Body.CopyToAsync(all);
                context.Response.ContentLength = all.Length;
                await context.Response.Body.WriteAsync(all.ToArray());
                return;
            }

            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer)) > 0)
            {
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, read));
                await context.Response.Body.FlushAsync();
            }
        });
        await echo.StartAsync();
        var address = new Uri(echo.Urls.First());
        await using var proxy = await ForwardingProxy.StartAsync(Http11Endpoint.Tcp(address));
        var body = new byte[megabytes * 1024 * 1024];
        Random.Shared.NextBytes(body);
        proxy.Client.Timeout = Deadline;

        // HttpClient sends the whole body before it reads an answer, so a raw socket plays the full-duplex client.
        var received = await FullDuplexPostAsync(proxy.Url, body);

        Assert.Equal(body.Length, received.Length);
        Assert.Equal(body, received);
        Assert.Equal(Http11ForwardError.None, proxy.LastResult);
    }

    /// <summary>POSTs <paramref name="body"/> while reading the answer, and returns the answer's body (chunks decoded).</summary>
    private static async Task<byte[]> FullDuplexPostAsync(Uri url, byte[] body)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, url.Port);
        var head = Encoding.ASCII.GetBytes($"POST / HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        var sending = Task.Run(async () =>
        {
            await socket.SendAsync(head, SocketFlags.None);
            for (var offset = 0; offset < body.Length;)
            {
                offset += await socket.SendAsync(body.AsMemory(offset), SocketFlags.None);
            }
        });
        var raw = new MemoryStream();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(Deadline);
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            raw.Write(buffer, 0, read);
        }

        await sending;
        var bytes = raw.ToArray();
        var position = bytes.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        var headText = Encoding.ASCII.GetString(bytes, 0, position);
        Assert.StartsWith("HTTP/1.1 200", headText, StringComparison.Ordinal);
        if (!headText.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return bytes[position..];
        }

        var decoded = new MemoryStream();
        while (true)
        {
            var lineEnd = bytes.AsSpan(position).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(bytes, position, lineEnd), 16);
            position += lineEnd + 2;
            if (size == 0)
            {
                return decoded.ToArray();
            }

            decoded.Write(bytes, position, size);
            position += size + 2;
        }
    }

    /// <summary>A stream that does not say its length, so HttpClient sends it chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
