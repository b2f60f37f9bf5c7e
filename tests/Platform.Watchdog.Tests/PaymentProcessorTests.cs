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
}
