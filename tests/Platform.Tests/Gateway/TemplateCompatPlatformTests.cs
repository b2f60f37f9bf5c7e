using System.Net;
using System.Text;
using System.Text.Json;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Gateway;

/// <summary>
/// The python3 portability switch at deploy time: platform-wide (<see cref="EmbeddedPlatformOptions.TemplateCompat"/>)
/// or per deployment (faas-cli deploy -e template_compat=openfaas), on an artifact built with Harness's mapping.
/// </summary>
public sealed class TemplateCompatPlatformTests
{
    private const string Handler = "def handle(req):\n    return {'statusCode': 400, 'body': 'no ' + req}\n";

    [WatchdogFact]
    public async Task Platform_wide_openfaas_compat_answers_200_with_the_repr_and_a_function_can_ask_for_harness_mapping_back()
    {
        var state = Directory.CreateTempSubdirectory("harness-compat-").FullName;
        try
        {
            var artifact = await BuildAsync(state);
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = Path.Combine(state, "p"), TemplateCompat = "openfaas" });
            using var admin = await AdminWithArtifactAsync(platform, artifact);

            await DeployAsync(admin, """{"service":"pay","image":"me/pay:1"}""");
            var (status, body) = await InvokeAsync(admin, "pay");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("{'statusCode': 400, 'body': 'no x'}\n", body);

            await DeployAsync(admin, """{"service":"mapped","image":"me/pay:1","envVars":{"template_compat":"harness"}}""");
            (status, body) = await InvokeAsync(admin, "mapped");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("no x", body);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [WatchdogFact]
    public async Task A_deployment_can_switch_one_function_to_upstream_behaviour()
    {
        var state = Directory.CreateTempSubdirectory("harness-compat-").FullName;
        try
        {
            var artifact = await BuildAsync(state);
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = Path.Combine(state, "p") });
            using var admin = await AdminWithArtifactAsync(platform, artifact);

            await DeployAsync(admin, """{"service":"mapped","image":"me/pay:1"}""");
            await DeployAsync(admin, """{"service":"upstream","image":"me/pay:1","envVars":{"template_compat":"openfaas"}}""");

            Assert.Equal((HttpStatusCode.BadRequest, "no x"), await InvokeAsync(admin, "mapped"));
            Assert.Equal((HttpStatusCode.OK, "{'statusCode': 400, 'body': 'no x'}\n"), await InvokeAsync(admin, "upstream"));
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<byte[]> BuildAsync(string root)
    {
        var source = Path.Combine(root, "src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "handler.py"), Handler);
        var built = FunctionBuilder.Build(new FunctionBuildRequest { FunctionName = "pay", Lang = TemplateCatalog.Python3, HandlerDirectory = source, OutputDirectory = Path.Combine(root, "pay") });
        return await PlatformHttp.TarGzAsync(built.Directory);
    }

    private static async Task<HttpClient> AdminWithArtifactAsync(EmbeddedPlatform platform, byte[] artifact)
    {
        var admin = PlatformHttp.Admin(platform);
        using var push = await admin.PutAsync("/system/artifacts?image=me%2Fpay%3A1", new ByteArrayContent(artifact));
        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
        return admin;
    }

    private static async Task DeployAsync(HttpClient admin, string json)
    {
        using var deploy = await admin.PostAsync("/system/functions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(deploy.StatusCode == HttpStatusCode.Accepted, await deploy.Content.ReadAsStringAsync());
        var name = JsonDocument.Parse(json).RootElement.GetProperty("service").GetString();
        await Poll.UntilAsync(() => PlatformHttp.Available(admin, name!) > 0, TimeSpan.FromSeconds(30), name + " to be ready");
    }

    private static async Task<(HttpStatusCode, string)> InvokeAsync(HttpClient admin, string name)
    {
        using var response = await admin.PostAsync($"/function/{name}", new StringContent("x"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
