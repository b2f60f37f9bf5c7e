using System.Net;
using Harness.Platform.Gateway;

namespace Harness.Platform.Tests.Gateway;

/// <summary>
/// Invocation bodies over <see cref="GatewayOptions.MaxFunctionBodyBytes"/> get 413 with the limit on <c>/function/*</c>
/// and <c>/async-function/*</c>, whether the length is declared or the body is chunked; a body at the limit goes through.
/// </summary>
public sealed class FunctionBodyLimitTests
{
    private const int Limit = 1024;

    public static TheoryData<string, bool> Routes() => new()
    {
        { "/function/echo", true },
        { "/function/echo", false },
        { "/async-function/echo", true },
        { "/async-function/echo", false },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_body_over_the_limit_is_413_naming_the_limit_and_never_reaches_the_function(string route, bool declaredLength)
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync(new GatewayOptions { MaxFunctionBodyBytes = Limit });
        gw.Provider.Add("echo", [upstream.Url]);

        using var response = await gw.Anonymous.PostAsync(route, Body(Limit + 1, declaredLength));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{response.StatusCode}: {text}");
        Assert.Contains("request body too large", text, StringComparison.Ordinal);
        Assert.Contains($"the limit is {Limit} bytes", text, StringComparison.Ordinal);
        Assert.Contains("--max-function-body", text, StringComparison.Ordinal);
        if (declaredLength)
        {
            Assert.Contains($"{Limit + 1} bytes", text, StringComparison.Ordinal);
        }

        if (declaredLength || route.StartsWith("/async", StringComparison.Ordinal))
        {
            Assert.Equal(0, upstream.Calls);
        }
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_body_of_exactly_the_limit_goes_through(string route, bool declaredLength)
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync(new GatewayOptions { MaxFunctionBodyBytes = Limit });
        gw.Provider.Add("echo", [upstream.Url]);

        // Chunked, Kestrel's own limit counted the chunk framing and refused a body of the limit (400 on /function/, 413 on /async-function/).
        using var response = await gw.Anonymous.PostAsync(route, Body(Limit, declaredLength));

        var expected = route.StartsWith("/async", StringComparison.Ordinal) ? HttpStatusCode.Accepted : HttpStatusCode.OK;
        Assert.True(expected == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains(new string('x', Limit), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static HttpContent Body(int size, bool declaredLength)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)'x');
        // A stream of unknown length goes out chunked: the gateway learns the size only while reading.
        return declaredLength ? new ByteArrayContent(bytes) : new StreamContent(new UnknownLengthStream(bytes));
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
