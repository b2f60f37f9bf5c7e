using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Harness.Platform.Client;
using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Tests.Client;

public sealed class OpenFaasClientTests
{
    private static readonly GatewayCredentials Admin = GatewayCredentials.Basic("admin", "s3cret");
    private static readonly string AdminHeader = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret"));

    private static readonly FunctionDeployment Pay = new()
    {
        Service = "pay",
        Image = "me/pay:0.1",
        EnvProcess = "python3 index.py",
        EnvVars = new Dictionary<string, string> { ["write_debug"] = "true" },
        Limits = new FunctionResources { Memory = "128Mi" },
    };

    [Fact]
    public async Task Deploy_puts_then_posts_when_the_function_is_unknown()
    {
        await using var gateway = await RecordingGateway.StartAsync((request, context) =>
        {
            context.Response.StatusCode = request.Method == "PUT" ? 404 : 202;
            return Task.CompletedTask;
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);

        var result = await client.DeployAsync(Pay);

        Assert.True(result.Created);
        Assert.Equal(HttpStatusCode.Accepted, result.StatusCode);
        Assert.Equal(["PUT /system/functions", "POST /system/functions"], gateway.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(gateway.Requests, r => Assert.Equal(AdminHeader, r.Header("Authorization")));
        using var body = JsonDocument.Parse(gateway.Requests[1].Body);
        Assert.Equal("pay", body.RootElement.GetProperty("service").GetString());
        Assert.Equal("python3 index.py", body.RootElement.GetProperty("envProcess").GetString());
        Assert.Equal("true", body.RootElement.GetProperty("envVars").GetProperty("write_debug").GetString());
        Assert.Equal("128Mi", body.RootElement.GetProperty("limits").GetProperty("memory").GetString());
        Assert.False(body.RootElement.TryGetProperty("namespace", out _));
    }

    [Fact]
    public async Task Deploy_of_a_known_function_is_a_single_put()
    {
        await using var gateway = await RecordingGateway.StartAsync((_, context) =>
        {
            context.Response.StatusCode = 202;
            return Task.CompletedTask;
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);

        var result = await client.DeployAsync(Pay);

        Assert.False(result.Created);
        Assert.Equal("PUT", Assert.Single(gateway.Requests).Method);
    }

    [Fact]
    public async Task A_refused_write_throws_with_the_status_and_the_gateways_reason()
    {
        await using var gateway = await RecordingGateway.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("invalid credentials");
        });
        using var client = OpenFaasClient.Create(gateway.Url, GatewayCredentials.Basic("admin", "wrong"));

        var error = await Assert.ThrowsAsync<OpenFaasApiException>(() => client.DeployAsync(Pay));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("invalid credentials", error.Body);
        Assert.Contains("PUT /system/functions: 401", error.Message, StringComparison.Ordinal);
        Assert.Single(gateway.Requests);
    }

    [Fact]
    public async Task A_conflict_names_its_status_once_with_its_reason_phrase()
    {
        await using var gateway = await RecordingGateway.StartAsync(async (_, context) =>
        {
            context.Response.StatusCode = 409;
            await context.Response.WriteAsync("secret 's1' already exists in namespace 'openfaas-fn'");
        });
        using var client = OpenFaasClient.Create(gateway.Url, GatewayCredentials.Basic("admin", "pw"));

        var error = await Assert.ThrowsAsync<OpenFaasApiException>(() => client.CreateSecretAsync(new SecretSpec { Name = "s1", Value = "v" }));

        Assert.Equal("POST /system/secrets: 409 conflict: secret 's1' already exists in namespace 'openfaas-fn'", error.Message);
    }

    [Fact]
    public async Task List_get_remove_and_scale_use_openfaas_routes_and_bodies()
    {
        await using var gateway = await RecordingGateway.StartAsync(async (request, context) =>
        {
            switch (request.Method, context.Request.Path.Value)
            {
                case ("GET", "/system/functions"):
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync("""[{"name":"pay","image":"me/pay:0.1","replicas":2,"availableReplicas":1,"invocationCount":7.0}]""");
                    break;
                case ("GET", "/system/function/nope"):
                    context.Response.StatusCode = 404;
                    break;
                default:
                    context.Response.StatusCode = 202;
                    break;
            }
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);

        var list = await client.ListFunctionsAsync("openfaas-fn");
        var missing = await client.GetFunctionAsync("nope");
        await client.RemoveFunctionAsync("pay", "openfaas-fn");
        await client.ScaleAsync("pay", 3);
        await client.GetFunctionAsync("nope", null, usage: false, CancellationToken.None);
        await client.GetFunctionAsync("nope", "openfaas-fn", usage: false, CancellationToken.None);

        var status = Assert.Single(list);
        Assert.Equal(("pay", 2, 1, 7.0), (status.Name, status.Replicas, status.AvailableReplicas, status.InvocationCount));
        Assert.Null(missing);
        var requests = gateway.Requests;
        Assert.Equal("/system/functions?namespace=openfaas-fn", requests[0].PathAndQuery);
        Assert.Equal(("DELETE", """{"functionName":"pay","namespace":"openfaas-fn"}"""), (requests[2].Method, requests[2].BodyText));
        Assert.Equal(("POST", "/system/scale-function/pay", """{"serviceName":"pay","replicas":3}"""),
            (requests[3].Method, requests[3].PathAndQuery, requests[3].BodyText));
        Assert.Equal("/system/function/nope", requests[1].PathAndQuery);
        Assert.Equal("/system/function/nope?usage=false", requests[4].PathAndQuery);
        Assert.Equal("/system/function/nope?namespace=openfaas-fn&usage=false", requests[5].PathAndQuery);
    }

    [Fact]
    public async Task Invoke_sends_method_path_query_headers_and_body_without_admin_credentials()
    {
        await using var gateway = await RecordingGateway.StartAsync(async (request, context) =>
        {
            context.Response.StatusCode = 400;
            context.Response.Headers["X-Duration-Seconds"] = "0.01";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":"bad"}""");
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);

        var response = await client.InvokeAsync(new InvokeRequest
        {
            Function = "pay",
            Namespace = "staging",
            Path = "v1/charge",
            Method = HttpMethod.Put,
            Body = """{"tx_id":"SE1"}"""u8.ToArray(),
            ContentType = "application/json",
            Headers = [new("X-Request-Id", "r1")],
            Query = [new("mode", "a b")],
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.IsSuccess);
        Assert.Equal("""{"error":"bad"}""", Encoding.UTF8.GetString(response.Body));
        Assert.Equal("0.01", response.Headers["X-Duration-Seconds"][0]);
        Assert.Equal("application/json", response.Headers["Content-Type"][0]);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal(("PUT", "/function/pay.staging/v1/charge?mode=a%20b"), (request.Method, request.PathAndQuery));
        Assert.Equal("r1", request.Header("X-Request-Id"));
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("""{"tx_id":"SE1"}""", request.BodyText);
        Assert.Null(request.Header("Authorization"));
    }

    [Fact]
    public async Task Logs_stream_ndjson_entries_with_the_openfaas_query()
    {
        await using var gateway = await RecordingGateway.StartAsync(async (_, context) =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync("""{"name":"pay","namespace":"openfaas-fn","instance":"pay-1","timestamp":"2026-01-01T00:00:00Z","text":"one"}""" + "\n\n");
            await context.Response.WriteAsync("""{"name":"pay","namespace":"openfaas-fn","instance":"pay-1","timestamp":"2026-01-01T00:00:01Z","text":"two"}""" + "\n");
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);

        var entries = new List<LogEntry>();
        await foreach (var entry in client.GetLogsAsync(new LogRequest("pay", "openfaas-fn", Tail: 5)))
        {
            entries.Add(entry);
        }

        Assert.Equal(["one", "two"], entries.Select(e => e.Text));
        var request = Assert.Single(gateway.Requests);
        Assert.Equal("/system/logs?name=pay&namespace=openfaas-fn&tail=5&follow=false", request.PathAndQuery);
        Assert.Equal(AdminHeader, request.Header("Authorization"));
    }

    [Fact]
    public async Task A_followed_log_stream_stops_when_cancelled()
    {
        var release = new TaskCompletionSource();
        await using var gateway = await RecordingGateway.StartAsync(async (_, context) =>
        {
            await context.Response.WriteAsync("""{"name":"pay","namespace":"n","instance":"i","timestamp":"2026-01-01T00:00:00Z","text":"first"}""" + "\n");
            await context.Response.Body.FlushAsync();
            await Task.WhenAny(release.Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var seen = new List<string>();
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in client.GetLogsAsync(new LogRequest("pay", "n", Follow: true), cancel.Token))
            {
                seen.Add(entry.Text);
                await cancel.CancelAsync();
            }
        });

        Assert.Equal(["first"], seen);
        Assert.Contains("follow=true", gateway.Requests[0].PathAndQuery, StringComparison.Ordinal);
        release.SetResult();
        Assert.NotNull(ex);
    }

    [Fact]
    public async Task Secrets_info_and_namespaces()
    {
        await using var gateway = await RecordingGateway.StartAsync(async (request, context) =>
        {
            context.Response.ContentType = "application/json";
            switch (request.Method, context.Request.Path.Value)
            {
                case ("GET", "/system/secrets"):
                    await context.Response.WriteAsync("""[{"name":"db"}]""");
                    break;
                case ("GET", "/system/info"):
                    await context.Response.WriteAsync("""{"provider":{"provider":"harness","orchestration":"process","version":{"sha":"abc","release":"0.1"}},"version":{"sha":"def","release":"0.2"},"arch":"x86_64"}""");
                    break;
                case ("GET", "/system/namespaces"):
                    await context.Response.WriteAsync("""["openfaas-fn"]""");
                    break;
                case ("POST", "/system/secrets"):
                    context.Response.StatusCode = 409;
                    await context.Response.WriteAsync("secret db already exists");
                    break;
                default:
                    context.Response.StatusCode = 202;
                    break;
            }
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);

        var secrets = await client.ListSecretsAsync();
        var info = await client.GetInfoAsync();
        var namespaces = await client.ListNamespacesAsync();
        await client.UpdateSecretAsync(new SecretSpec { Name = "db", RawValue = [1, 2, 3] });
        await client.RemoveSecretAsync("db");
        var conflict = await Assert.ThrowsAsync<OpenFaasApiException>(() => client.CreateSecretAsync(new SecretSpec { Name = "db", Value = "v" }));

        Assert.Equal("db", Assert.Single(secrets).Name);
        Assert.Equal(("harness", "0.1", "0.2", "x86_64"), (info.Provider!.Name, info.Provider.Version.Release, info.Version!.Release, info.Arch));
        Assert.Equal(["openfaas-fn"], namespaces);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var requests = gateway.Requests;
        Assert.Equal(("PUT", """{"name":"db","rawValue":"AQID"}"""), (requests[3].Method, requests[3].BodyText));
        Assert.Equal(("DELETE", """{"name":"db"}"""), (requests[4].Method, requests[4].BodyText));
        Assert.Equal("""{"name":"db","value":"v"}""", requests[5].BodyText);
    }

    [Fact]
    public async Task Artifacts_are_uploaded_as_gzip_with_the_image_in_the_query()
    {
        await using var gateway = await RecordingGateway.StartAsync(async (request, context) =>
        {
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"image":"me/pay:0.1","digest":"sha256:00","sizeBytes":{{request.Body.Length}}}""");
        });
        using var client = OpenFaasClient.Create(gateway.Url, Admin);
        using var archive = new MemoryStream();
        using (var gzip = new GZipStream(archive, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("not really a tar"u8);
        }

        archive.Position = 0;

        var stored = await client.PutArtifactAsync("me/pay:0.1", archive);

        var request = Assert.Single(gateway.Requests);
        Assert.Equal(("PUT", "/system/artifacts?image=me%2Fpay%3A0.1"), (request.Method, request.PathAndQuery));
        Assert.Equal("application/gzip", request.Header("Content-Type"));
        Assert.Equal(AdminHeader, request.Header("Authorization"));
        Assert.Equal(archive.ToArray(), request.Body);
        Assert.Equal(archive.Length, stored!.SizeBytes);
    }

    [Fact]
    public async Task Tls_certificates_are_verified_by_default()
    {
        // Nothing listens with TLS here; the point is that a plain-HTTP server is not accepted over https.
        await using var gateway = await RecordingGateway.StartAsync((_, _) => Task.CompletedTask);
        using var client = OpenFaasClient.Create(new Uri($"https://127.0.0.1:{gateway.Url.Port}"), Admin,
            new OpenFaasClientOptions { RequestTimeout = TimeSpan.FromSeconds(10) });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.ListFunctionsAsync());
    }

    [Fact]
    public void The_function_url_is_what_faas_cli_prints()
    {
        using var client = OpenFaasClient.Create(new Uri("http://127.0.0.1:8080/"), null);

        Assert.Equal("http://127.0.0.1:8080/function/pay", client.FunctionUrl("pay").ToString());
        Assert.Equal("http://127.0.0.1:8080/function/pay.dev", client.FunctionUrl("pay", "dev").ToString());
    }
}
