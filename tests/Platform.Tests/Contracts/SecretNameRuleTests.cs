using System.Net;
using System.Text;
using Harness.Platform.Contracts;
using Harness.Platform.Tests.Gateway;
using Harness.Platform.Tests.Local;
using Harness.Platform.Tests.Stack;

namespace Harness.Platform.Tests.Contracts;

/// <summary>
/// One secret-name rule (a Kubernetes Secret name, DNS-1123 subdomain) at every entry point: the stack file, the gateway
/// API and the local provider. Before, the stack file allowed "a..b", the gateway refused "db.prod" and the local
/// provider accepted "My_Secret".
/// </summary>
public sealed class SecretNameRuleTests
{
    [Theory]
    [InlineData("db")]
    [InlineData("db.prod")]
    [InlineData("api-key.v2")]
    [InlineData("0")]
    public void Kubernetes_secret_names_are_valid(string name) => Assert.Null(SecretName.Problem(name));

    [Theory]
    [InlineData("")]
    [InlineData("My_Secret")]
    [InlineData("db_prod")]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    [InlineData("trailing.")]
    [InlineData("-dash")]
    [InlineData("a.-b")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData(":rocket:")]
    public void Other_names_are_refused_with_the_rule(string name) => Assert.NotNull(SecretName.Problem(name));

    [Fact]
    public void Length_is_bounded_at_253()
    {
        Assert.Null(SecretName.Problem(new string('a', 253)));
        Assert.Contains("at most 253", SecretName.Problem(new string('a', 254)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_stack_file_reports_each_bad_name_with_file_line_and_field()
    {
        var result = StackFixture.Parse("provider: {name: openfaas}\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    secrets:\n      - db.prod\n      - a..b\n      - My_Secret\n");

        var errors = result.Errors.Where(e => e.Field.StartsWith("functions.pay.secrets", StringComparison.Ordinal)).OrderBy(e => e.Line).ToList();
        Assert.Equal(["functions.pay.secrets[1]", "functions.pay.secrets[2]"], errors.Select(e => e.Field));
        Assert.Equal([8, 9], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.EndsWith("stack.yml", e.File, StringComparison.Ordinal));
        Assert.Contains("invalid secret name 'a..b'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("DNS-1123 subdomain", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_answers_400_naming_the_rule_and_accepts_dotted_names()
    {
        await using var gw = await GatewayFixture.StartAsync();

        var bad = await gw.Admin.SendAsync(Post("/system/secrets", """{"name":"My_Secret","value":"x"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var message = await bad.Content.ReadAsStringAsync();
        Assert.Contains("name: invalid secret name 'My_Secret'", message, StringComparison.Ordinal);
        Assert.Contains("DNS-1123 subdomain", message, StringComparison.Ordinal);
        Assert.Null(gw.Provider.Secret("My_Secret"));

        Assert.Equal(HttpStatusCode.Accepted, (await gw.Admin.SendAsync(Post("/system/secrets", """{"name":"db.prod","value":"x"}"""))).StatusCode);

        var deploy = await gw.Admin.SendAsync(Post("/system/functions", """{"service":"pay","image":"pay","secrets":["db.prod","a..b","Up"]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, deploy.StatusCode);
        var deployMessage = await deploy.Content.ReadAsStringAsync();
        Assert.Contains("'a..b'", deployMessage, StringComparison.Ordinal);
        Assert.Contains("'Up'", deployMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("'db.prod'", deployMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_local_provider_refuses_names_kubernetes_would_refuse()
    {
        await using var f = new ProviderFixture();

        var bad = await f.Provider.CreateSecretAsync(new SecretSpec { Name = "My_Secret", Value = "x" }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Invalid, bad.Outcome);
        Assert.Contains("DNS-1123 subdomain", bad.Message, StringComparison.Ordinal);
        Assert.Empty(await f.Provider.ListSecretsAsync(PlatformDefaults.FunctionNamespace, CancellationToken.None));

        Assert.True((await f.Provider.CreateSecretAsync(new SecretSpec { Name = "db.prod", Value = "x" }, CancellationToken.None)).IsOk);

        var deploy = await f.Provider.DeployAsync(new FunctionDeployment { Service = "pay", Image = "x", EnvProcess = "cat", Secrets = ["db_prod"] }, CancellationToken.None);
        Assert.Equal(ProviderOutcome.Invalid, deploy.Outcome);
        Assert.Contains("secrets: invalid secret name 'db_prod'", deploy.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
