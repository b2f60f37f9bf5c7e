using System.Net;
using System.Text;
using System.Text.Json;
using Harness.Platform.Templates;
using Harness.Platform.Watchdog.Tests.Support;

namespace Harness.Platform.Watchdog.Tests;

/// <summary>The article's function (our own fixture of the same shape) behind a real watchdog, built by FunctionBuilder.</summary>
public sealed class PaymentProcessorTests
{
    [Theory]
    [InlineData("serializing")]
    [InlineData("http")]
    public async Task Answers_200_400_and_500_like_the_article_says(string mode)
    {
        using var dir = new TempDirectory();
        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "payment-processor",
            Lang = TemplateCatalog.Python3,
            HandlerDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "payment-processor"),
            OutputDirectory = Path.Combine(dir.Path, "payment-processor"),
            Environment = new Dictionary<string, string> { ["write_debug"] = "true", ["mode"] = mode },
        });
        Assert.Equal(mode, artifact.Mode);
        var env = new Dictionary<string, string>(artifact.Environment) { ["HOSTNAME"] = "replica-1" };
        await using var wd = await WatchdogProcess.StartAsync(env, artifact.Directory);
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/ready") == 200, TimeSpan.FromSeconds(15), "the function to be ready");

        using (var ok = await wd.PostAsync("/", new StringContent("""{"tx_id":"NO123"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            using var json = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
            Assert.Equal("processed", json.RootElement.GetProperty("status").GetString());
            Assert.Equal("Oslo-DC1", json.RootElement.GetProperty("region").GetString());
            Assert.Equal("replica-1", json.RootElement.GetProperty("node").GetString());
        }

        using (var rejected = await wd.PostAsync("/", new StringContent("""{"tx_id":"SE1"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
            using var json = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
            Assert.Equal("Invalid Norwegian Transaction ID", json.RootElement.GetProperty("error").GetString());
        }

        using (var broken = await wd.PostAsync("/", new StringContent("not json", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
            Assert.Contains("Expecting value", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_template_compat_openfaas_it_answers_as_upstream_200_with_the_dicts_repr()
    {
        using var dir = new TempDirectory();
        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "payment-processor",
            Lang = TemplateCatalog.Python3,
            HandlerDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "payment-processor"),
            OutputDirectory = Path.Combine(dir.Path, "payment-processor"),
            Environment = new Dictionary<string, string> { ["template_compat"] = "openfaas" },
        });
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>(artifact.Environment), artifact.Directory);
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/ready") == 200, TimeSpan.FromSeconds(15), "the function to be ready");

        using (var rejected = await wd.PostAsync("/", new StringContent("""{"tx_id":"SE1"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
            Assert.Equal("{'statusCode': 400, 'body': '{\"error\": \"Invalid Norwegian Transaction ID\"}'}\n", await rejected.Content.ReadAsStringAsync());
        }

        using (var broken = await wd.PostAsync("/", new StringContent("not json", Encoding.UTF8, "text/plain")))
        {
            Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
            Assert.StartsWith("{'statusCode': 500, 'body': 'Expecting value", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_template_compat_openfaas_stderr_joins_the_body_and_an_exception_is_a_500()
    {
        using var dir = new TempDirectory();
        var source = Path.Combine(dir.Path, "src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "handler.py"),
            "import sys\n\ndef handle(req):\n    if req == 'boom':\n        raise ValueError('boom')\n    print('to stdout')\n    sys.stderr.write('to stderr\\n')\n    return req\n");
        var artifact = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "compat",
            Lang = TemplateCatalog.Python3,
            HandlerDirectory = source,
            OutputDirectory = Path.Combine(dir.Path, "fn"),
            Environment = new Dictionary<string, string> { ["template_compat"] = "openfaas" },
        });
        await using var wd = await WatchdogProcess.StartAsync(new Dictionary<string, string>(artifact.Environment), artifact.Directory);
        await Poll.UntilAsync(async () => await wd.StatusAsync("/_/ready") == 200, TimeSpan.FromSeconds(15), "the function to be ready");

        using (var ok = await wd.PostAsync("/", new StringContent("hi")))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var body = await ok.Content.ReadAsStringAsync();
            Assert.Contains("to stdout\nhi\n", body, StringComparison.Ordinal);
            Assert.Contains("to stderr", body, StringComparison.Ordinal);
        }

        using var failed = await wd.PostAsync("/", new StringContent("boom"));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
    }
}
