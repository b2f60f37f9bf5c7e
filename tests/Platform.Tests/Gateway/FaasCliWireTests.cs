using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Harness.Platform.Templates;

namespace Harness.Platform.Tests.Gateway;

/// <summary>
/// Contract tests from the faas-cli wire transcript (Fixtures/faas-cli-wire.json): every request the real faas-cli
/// sends, replayed in order against the embedded gateway over the local provider on loopback, with the statuses and
/// bodies faas-cli needs; then what faas-cli users cannot see (deploy warnings, refused processes, namespaces).
/// </summary>
public sealed class FaasCliWireTests
{
    [WatchdogFact]
    public async Task Every_request_of_the_transcript_gets_the_status_and_body_faas_cli_needs()
    {
        using var fixture = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Gateway", "Fixtures", "faas-cli-wire.json")));
        var state = Directory.CreateTempSubdirectory("harness-wire-").FullName;
        try
        {
            var artifact = await PaymentProcessorArtifactAsync(state);
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = Path.Combine(state, "platform") });
            using var client = new HttpClient { BaseAddress = platform.Url, Timeout = TimeSpan.FromSeconds(60) };
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{platform.Credentials.User}:{platform.Credentials.Password}"));

            foreach (var step in fixture.RootElement.GetProperty("steps").EnumerateArray())
            {
                var command = step.GetProperty("command").GetString()!;
                var (status, body) = step.TryGetProperty("ready", out _)
                    ? await UntilReadyAsync(client, step, basic, artifact, command)
                    : await SendAsync(client, step, basic, artifact);

                Assert.True(step.GetProperty("status").GetInt32() == status, $"{command}: expected {step.GetProperty("status").GetInt32()}, got {status}: {body}");
                if (step.TryGetProperty("response", out var exact))
                {
                    Assert.True(exact.GetString() == body, $"{command}: expected body {exact.GetString()}, got {body}");
                }

                if (step.TryGetProperty("responseContains", out var part))
                {
                    Assert.True(body.Contains(part.GetString()!, StringComparison.Ordinal), $"{command}: body lacks {part.GetString()}: {body}");
                }
            }
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [WatchdogFact]
    public async Task A_python3_http_function_deployed_with_the_official_fprocess_runs_and_says_so_in_its_logs()
    {
        var state = Directory.CreateTempSubdirectory("harness-wire-").FullName;
        try
        {
            var source = Path.Combine(state, "src");
            Directory.CreateDirectory(source);
            await File.WriteAllTextAsync(Path.Combine(source, "handler.py"), "def handle(event, context):\n    return {'statusCode': 201, 'body': 'made ' + event.query.get('id', '?')}\n");
            var built = FunctionBuilder.Build(new FunctionBuildRequest { FunctionName = "maker", Lang = TemplateCatalog.Python3Http, HandlerDirectory = source, OutputDirectory = Path.Combine(state, "maker") });
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = Path.Combine(state, "platform") });
            using var admin = PlatformHttp.Admin(platform);
            using (var push = await admin.PutAsync("/system/artifacts?image=me%2Fmaker%3A1", new ByteArrayContent(await PlatformHttp.TarGzAsync(built.Directory))))
            {
                Assert.Equal(HttpStatusCode.Created, push.StatusCode);
            }

            // faas-cli deploy -f stack.yml with ./template/python3-http present sends upstream's "python index.py".
            using (var deploy = await admin.PostAsync("/system/functions", Json("""{"service":"maker","image":"me/maker:1","envProcess":"python index.py"}""")))
            {
                Assert.Equal(HttpStatusCode.Accepted, deploy.StatusCode);
            }

            await Poll.UntilAsync(() => PlatformHttp.Available(admin, "maker") > 0, TimeSpan.FromSeconds(30), "a ready replica");
            using (var call = await admin.PostAsync("/function/maker?id=7", new StringContent("")))
            {
                Assert.Equal(HttpStatusCode.Created, call.StatusCode);
                Assert.Equal("made 7", await call.Content.ReadAsStringAsync());
            }

            // A fresh replica (scale from zero) runs the same process: no crash loop hidden by an old replica.
            using (var scale = await admin.PostAsync("/system/scale-function/maker", Json("""{"serviceName":"maker","replicas":0}""")))
            {
                Assert.Equal(HttpStatusCode.Accepted, scale.StatusCode);
            }

            await Poll.UntilAsync(() => PlatformHttp.Available(admin, "maker") == 0, TimeSpan.FromSeconds(30), "scale to zero");
            using (var cold = await admin.PostAsync("/function/maker?id=8", new StringContent("")))
            {
                Assert.Equal(HttpStatusCode.Created, cold.StatusCode);
                Assert.Equal("made 8", await cold.Content.ReadAsStringAsync());
            }

            var logs = await LogTextAsync(admin, "maker");
            Assert.Contains("envProcess 'python index.py' is the official python3-http template's fprocess", logs, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [WatchdogFact]
    public async Task Deploy_warnings_reach_the_function_logs_and_a_process_that_cannot_start_is_refused()
    {
        var state = Directory.CreateTempSubdirectory("harness-wire-").FullName;
        try
        {
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = state });
            using var admin = PlatformHttp.Admin(platform);

            using (var warned = await admin.PostAsync("/system/functions", Json("""{"service":"slow","image":"slow:1","envProcess":"cat","envVars":{"write_timeout":"10h"}}""")))
            {
                Assert.Equal(HttpStatusCode.Accepted, warned.StatusCode);
            }

            var logs = await LogTextAsync(admin, "slow");
            Assert.Contains("warning: write_timeout 36000s is longer than the gateway's upstream timeout", logs, StringComparison.Ordinal);

            using (var ghost = await admin.PostAsync("/system/functions", Json("""{"service":"ghost","image":"ghost:1","envProcess":"no-such-binary-here --flag"}""")))
            {
                Assert.Equal(HttpStatusCode.BadRequest, ghost.StatusCode);
                Assert.Contains("'no-such-binary-here' is neither in the artifact nor on the replica's PATH", await ghost.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var relative = await admin.PostAsync("/system/functions", Json("""{"service":"ghost","image":"ghost:1","envProcess":"./run.sh"}""")))
            {
                Assert.Equal(HttpStatusCode.BadRequest, relative.StatusCode);
                Assert.Contains("'./run.sh' does not exist in the artifact", await relative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using var missing = await admin.GetAsync("/system/function/ghost");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    [WatchdogFact]
    public async Task A_deploy_into_a_namespace_that_does_not_exist_is_refused_and_works_once_it_is_created()
    {
        var state = Directory.CreateTempSubdirectory("harness-wire-").FullName;
        try
        {
            await using var platform = await EmbeddedPlatform.StartAsync(new EmbeddedPlatformOptions { Port = 0, StateDirectory = state });
            using var admin = PlatformHttp.Admin(platform);
            const string Deployment = """{"service":"echo","image":"echo:1","envProcess":"cat","namespace":"team-a"}""";

            using (var refused = await admin.PostAsync("/system/functions", Json(Deployment)))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
                Assert.Contains("namespace 'team-a' does not exist; create it first (faas-cli namespace create team-a)", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var created = await admin.PostAsync("/system/namespace/", Json("""{"name":"team-a","labels":{"openfaas":"1"}}""")))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            }

            using (var deployed = await admin.PostAsync("/system/functions", Json(Deployment)))
            {
                Assert.Equal(HttpStatusCode.Accepted, deployed.StatusCode);
            }

            using (var busy = await admin.DeleteAsync("/system/namespace/team-a"))
            {
                Assert.Equal(HttpStatusCode.BadRequest, busy.StatusCode);
                Assert.Contains("still has 1 function(s)", await busy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            using (var reserved = await admin.PostAsync("/system/namespace/", Json("""{"name":"kube-system"}""")))
            {
                Assert.Equal(HttpStatusCode.BadRequest, reserved.StatusCode);
            }

            using var removeDefault = await admin.DeleteAsync("/system/namespace/openfaas-fn");
            Assert.Equal(HttpStatusCode.BadRequest, removeDefault.StatusCode);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    /// <summary>The text of every line /system/logs has for the function (NDJSON, one entry a line).</summary>
    private static async Task<string> LogTextAsync(HttpClient admin, string name)
    {
        var ndjson = await admin.GetStringAsync($"/system/logs?follow=false&name={name}");
        return string.Join('\n', ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<(int Status, string Body)> SendAsync(HttpClient client, JsonElement step, string basic, byte[] artifact)
    {
        using var request = new HttpRequestMessage(new HttpMethod(step.GetProperty("method").GetString()!), step.GetProperty("path").GetString());
        switch (step.GetProperty("auth").GetString())
        {
            case "basic":
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                break;
            case "bearer":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token-this-gateway-knows");
                break;
        }

        request.Headers.TryAddWithoutValidation("User-Agent", step.TryGetProperty("userAgent", out var ua) ? ua.GetString() : "faas-cli/0.16.37");
        if (step.TryGetProperty("body", out var body))
        {
            var content = body.GetString() == "@artifact" ? new ByteArrayContent(artifact) : new ByteArrayContent(Encoding.UTF8.GetBytes(body.GetString()!));
            if (step.TryGetProperty("contentType", out var type))
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(type.GetString()!);
            }

            request.Content = content;
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // faas-cli ready: the status is read again until the function has a ready replica.
    private static async Task<(int Status, string Body)> UntilReadyAsync(HttpClient client, JsonElement step, string basic, byte[] artifact, string command)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await SendAsync(client, step, basic, artifact);
            if (status == 200)
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.TryGetProperty("availableReplicas", out var n) && n.GetInt32() > 0)
                {
                    return (status, body);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{command}: no ready replica after 30 s: {status} {body}");
            }

            await Task.Delay(20);
        }
    }

    private static async Task<byte[]> PaymentProcessorArtifactAsync(string root)
    {
        var built = FunctionBuilder.Build(new FunctionBuildRequest
        {
            FunctionName = "payment-processor",
            Lang = TemplateCatalog.Python3,
            HandlerDirectory = Path.Combine(AppContext.BaseDirectory, "Acceptance", "Fixtures", "payment-processor", "payment-processor"),
            OutputDirectory = Path.Combine(root, "build", "payment-processor"),
            Image = "your-docker-user/payment-processor:latest",
            Environment = new Dictionary<string, string> { ["write_debug"] = "true" },
        });
        return await PlatformHttp.TarGzAsync(built.Directory);
    }
}
