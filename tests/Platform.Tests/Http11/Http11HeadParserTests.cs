using System.Text;
using Harness.Platform.Http11;

namespace Harness.Platform.Tests.Http11;

public sealed class Http11HeadParserTests
{
    private static Http11ResponseHead Parse(string head, bool headRequest = false)
    {
        Assert.True(Http11HeadParser.TryParse(Encoding.Latin1.GetBytes(head), headRequest, out var result, out var error), error);
        return result!;
    }

    private static string Error(string head)
    {
        Assert.False(Http11HeadParser.TryParse(Encoding.Latin1.GetBytes(head), false, out _, out var error));
        return error;
    }

    [Fact]
    public void A_length_framed_response_keeps_its_headers_in_order()
    {
        var head = Parse("HTTP/1.1 201 Created\r\nContent-Type: text/plain\r\nContent-Length: 12\r\nX-A: 1\r\nX-A: 2");
        Assert.Equal(201, head.Status);
        Assert.Equal(Http11Framing.Length, head.Framing);
        Assert.Equal(12, head.ContentLength);
        Assert.True(head.KeepAlive);
        Assert.Equal(["Content-Type", "Content-Length", "X-A", "X-A"], head.Headers.Select(h => h.Key));
        Assert.Equal("2", head.Headers[3].Value);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked", "Chunked", true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5", "Chunked", true)]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip", "UntilClose", false)]
    [InlineData("HTTP/1.1 200 OK", "UntilClose", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 3", "Length", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 3\r\nConnection: keep-alive", "Length", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close", "Length", false)]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 3", "None", true)]
    [InlineData("HTTP/1.1 304 Not Modified", "None", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0", "None", true)]
    public void Framing_follows_rfc_9112(string text, string framing, bool keepAlive)
    {
        var head = Parse(text);
        Assert.Equal(Enum.Parse<Http11Framing>(framing), head.Framing);
        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Fact]
    public void A_head_request_has_no_body_but_keeps_its_length()
    {
        var head = Parse("HTTP/1.1 200 OK\r\nContent-Length: 42", headRequest: true);
        Assert.Equal(Http11Framing.None, head.Framing);
        Assert.Equal(42, head.ContentLength);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4", "invalid Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1", "invalid Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nX-A : 1", "malformed header line")]
    [InlineData("HTTP/1.1 200 OK\r\nX-A: 1\r\n folded", "malformed header line")]
    [InlineData("HTTP/1.1 200 OK\r\nnocolon", "malformed header line")]
    [InlineData("HTTP/2 200 OK", "malformed status line")]
    [InlineData("HTTP/1.1 2000 OK", "malformed status line")]
    [InlineData("HTTP/1.1 abc OK", "malformed status line")]
    [InlineData("ICY 200 OK", "malformed status line")]
    public void Ambiguous_or_broken_heads_are_refused(string text, string error) =>
        Assert.Equal(error, Error(text));

    [Fact]
    public void A_status_line_without_a_reason_is_accepted()
    {
        Assert.Equal(404, Parse("HTTP/1.1 404\r\nContent-Length: 0").Status);
    }
}
