using System.Text;

namespace Harness.Load.Tests;

/// <summary>A header value with CR/LF must never reach the wire as a second header, whichever path sends it.</summary>
public sealed class HttpSyntaxTests
{
    private static HttpRequestSpec Spec(string name, string value, string method = "GET")
        => new() { Url = new Uri("http://127.0.0.1:9/"), Method = method, Headers = new Dictionary<string, string> { [name] = value } };

    [Theory]
    [InlineData("X-Ok", "a, b; q=1", null)]
    [InlineData("Bad Header", "x", "not an HTTP token")]
    [InlineData("X-Nl", "a\r\nInjected: y", "control character")]
    [InlineData("X-Nul", "a\0b", "control character")]
    public void Header_problems_are_named(string name, string value, string? problem)
    {
        var why = HttpSyntax.HeaderProblem(name, value);

        if (problem is null)
        {
            Assert.Null(why);
        }
        else
        {
            Assert.Contains(problem, why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_fast_path_gives_the_real_reason_and_never_encodes_a_line_break_from_a_value()
    {
        var spec = Spec("X-Nl", "a\r\nInjected: y");

        Assert.Contains("control character", RawHttpRequest.Unsupported(spec), StringComparison.Ordinal);
        Assert.Contains("not an HTTP token", RawHttpRequest.Unsupported(Spec("Bad Header", "x")), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RawHttpRequest.Encode(spec, close: false));
        Assert.Throws<ArgumentException>(() => RawHttpRequest.Encode(Spec("X-Ok", "x", method: "GE T"), close: false));
    }

    [Fact]
    public void A_plain_header_is_encoded_as_written()
    {
        var bytes = RawHttpRequest.Encode(Spec("X-Ok", "a, b"), close: false);

        Assert.Contains("\r\nX-Ok: a, b\r\n", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void The_http_client_step_refuses_a_value_that_would_split_the_header()
    {
        using var client = new HttpClient();

        Assert.Throws<ArgumentException>(() => new HttpStep(client, Spec("X-Nl", "a\r\nInjected: y"), ConnectionPolicy.Default));
        Assert.Throws<ArgumentException>(() => new HttpStep(client, Spec("X-Ok", "x", method: "GE T"), ConnectionPolicy.Default));
    }
}
