using Harness.Platform.Client;

namespace Harness.Platform.Tests.Client;

public sealed class GatewayUrlTests
{
    [Theory]
    [InlineData("http://flag:1", "http://stack:2", "http://env:3", "http://flag:1")]
    [InlineData(null, "http://stack:2", "http://env:3", "http://stack:2")]
    [InlineData(null, null, "http://env:3", "http://env:3")]
    [InlineData(null, null, null, "http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080", null, "http://env:3", "http://env:3")]
    [InlineData(null, "http://127.0.0.1:8080/", "http://env:3", "http://env:3")]
    [InlineData("http://flag:1/", null, null, "http://flag:1")]
    [InlineData("gw.local:8080", null, null, "http://gw.local:8080")]
    [InlineData("", "", "", "http://127.0.0.1:8080")]
    public void Precedence_is_flag_then_stack_then_openfaas_url_then_default(string? flag, string? stack, string? env, string expected)
    {
        var environment = new Dictionary<string, string>();
        if (env is not null)
        {
            environment[GatewayUrl.EnvironmentVariable] = env;
        }

        Assert.Equal(expected, GatewayUrl.Resolve(flag, stack, environment));
    }
}
