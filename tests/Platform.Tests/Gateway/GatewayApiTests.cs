using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Gateway;

public sealed class GatewayApiTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Request(HttpMethod method, string path, string json) => new(method, path) { Content = Json(json) };

    [Fact]
    public async Task System_routes_need_basic_auth_and_answer_401_like_openfaas()
    {
        await using var gw = await GatewayFixture.StartAsync();

        var response = await gw.Anonymous.GetAsync("/system/functions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"Restricted\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("invalid credentials", (await response.Content.ReadAsStringAsync()).Trim());

        using var wrong = new HttpClient { BaseAddress = gw.Platform.Url };
        wrong.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:nope")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/system/info")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await gw.Admin.GetAsync("/system/functions")).StatusCode);
    }

    [Fact]
    public async Task Healthz_and_function_calls_stay_open()
    {
        await using var upstream = await Upstream.StartAsync("a");
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("echo", [upstream.Url]);

        Assert.Equal(HttpStatusCode.OK, (await gw.Anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gw.Anonymous.GetAsync("/function/echo")).StatusCode);
    }

    [Fact]
    public async Task Put_on_an_unknown_function_is_404_then_post_deploys_with_202_and_put_updates_with_202()
    {
        await using var gw = await GatewayFixture.StartAsync();
        const string body = """{"service":"pp","image":"me/pp:latest","labels":{"com.openfaas.scale.min":"1"},"envVars":{"write_debug":"true"}}""";

        Assert.Equal(HttpStatusCode.NotFound, (await gw.Admin.SendAsync(Request(HttpMethod.Put, "/system/functions", body))).StatusCode);
        var post = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", body));
        Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        Assert.Empty(await post.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await gw.Admin.SendAsync(Request(HttpMethod.Put, "/system/functions", body))).StatusCode);

        var list = await gw.Admin.GetAsync("/system/functions");
        Assert.Equal("application/json", list.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var fn = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("pp", fn.GetProperty("name").GetString());
        Assert.Equal("me/pp:latest", fn.GetProperty("image").GetString());
        Assert.Equal("openfaas-fn", fn.GetProperty("namespace").GetString());
        Assert.Equal(1, fn.GetProperty("replicas").GetInt32());
        Assert.True(fn.TryGetProperty("availableReplicas", out _));
        Assert.Equal(0, fn.GetProperty("invocationCount").GetDouble());
        Assert.Equal("1", fn.GetProperty("labels").GetProperty("com.openfaas.scale.min").GetString());

        var one = await gw.Admin.GetFromJsonAsync<FunctionStatus>("/system/function/pp");
        Assert.Equal("pp", one!.Name);
        Assert.Equal(HttpStatusCode.NotFound, (await gw.Admin.GetAsync("/system/function/nope")).StatusCode);
    }

    [Fact]
    public async Task Delete_answers_202_then_404()
    {
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("gone", []);

        var first = await gw.Admin.SendAsync(Request(HttpMethod.Delete, "/system/functions", """{"functionName":"gone"}"""));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var second = await gw.Admin.SendAsync(Request(HttpMethod.Delete, "/system/functions", """{"functionName":"gone"}"""));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        var bad = await gw.Admin.SendAsync(Request(HttpMethod.Delete, "/system/functions", """{"namespace":"x"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Malformed_and_invalid_bodies_get_400_with_a_reason()
    {
        await using var gw = await GatewayFixture.StartAsync(new() { MaxSystemBodyBytes = 4096 });

        var broken = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", "{\n  \"service\": \"x\",\n  \"labels\": [1]\n}"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var reason = await broken.Content.ReadAsStringAsync();
        Assert.Contains("$.labels", reason);
        Assert.Contains("line 3", reason);

        var missing = await (await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", "{}"))).Content.ReadAsStringAsync();
        Assert.Contains("service is required", missing);
        Assert.Contains("image is required", missing);

        var badName = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", """{"service":"Bad_Name","image":"i"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.Contains("not a valid function name", await badName.Content.ReadAsStringAsync());

        var badLabels = await (await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions",
            """{"service":"f","image":"i","labels":{"com.openfaas.scale.min":"x","com.openfaas.scale.type":"cpu"}}"""))).Content.ReadAsStringAsync();
        Assert.Contains("com.openfaas.scale.min", badLabels);
        Assert.Contains("com.openfaas.scale.type", badLabels);

        var huge = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", "{\"service\":\"" + new string('a', 5000) + "\"}"));
        // Too large is 413 on every route, and says the limit.
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Matches("too large.*the limit is [0-9]+ bytes", await huge.Content.ReadAsStringAsync());
        var hugeSecret = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/secrets", "{\"name\":\"" + new string('a', 5000) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugeSecret.StatusCode);

        // Duplicate keys are ambiguous: refused, not "last one wins".
        var duplicate = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", """{"service":"f","image":"i","service":"g"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var duplicateText = await duplicate.Content.ReadAsStringAsync();
        Assert.Contains("key 'service' is given twice", duplicateText, StringComparison.Ordinal);
        Assert.DoesNotContain("Harness.Platform", duplicateText, StringComparison.Ordinal);

        // One quantity parser with the provider: an overflowing memory is a 400 naming it, never a 500.
        var overflow = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", """{"service":"f","image":"i","limits":{"memory":"99999999999999999999Gi","cpu":"0"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, overflow.StatusCode);
        var overflowText = await overflow.Content.ReadAsStringAsync();
        Assert.Contains("limits.memory", overflowText);
        Assert.Contains("limits.cpu", overflowText);

        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions", ""))).StatusCode);
    }

    [Fact]
    public async Task Misaligned_timeouts_deploy_with_a_warning_header_and_body()
    {
        await using var gw = await GatewayFixture.StartAsync(new() { UpstreamTimeout = TimeSpan.FromSeconds(60) });
        var response = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions",
            """{"service":"slow","image":"i","envVars":{"write_timeout":"2m","exec_timeout":"3m"}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var headers = response.Headers.GetValues("X-Harness-Warning").ToList();
        Assert.Contains(headers, h => h.Contains("write_timeout 120s", StringComparison.Ordinal) && h.Contains("60s", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.Contains("exec_timeout 180s", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(headers.Count, doc.RootElement.GetProperty("warnings").GetArrayLength());
    }

    [Fact]
    public async Task Resources_other_than_memory_and_cpu_deploy_with_a_warning_and_are_kept()
    {
        await using var gw = await GatewayFixture.StartAsync();
        var response = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/functions",
            """{"service":"gpu","image":"i","limits":{"memory":"64Mi","nvidia.com/gpu":"1"},"requests":{"ephemeral-storage":"1Gi"}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var headers = response.Headers.GetValues("X-Harness-Warning").ToList();
        Assert.Contains(headers, h => h.StartsWith("limits.nvidia.com/gpu is not applied", StringComparison.Ordinal));
        Assert.Contains(headers, h => h.StartsWith("requests.ephemeral-storage is not applied", StringComparison.Ordinal));

        using var doc = JsonDocument.Parse(await gw.Admin.GetStringAsync("/system/function/gpu"));
        var limits = doc.RootElement.GetProperty("limits");
        Assert.Equal("64Mi", limits.GetProperty("memory").GetString());
        Assert.Equal("1", limits.GetProperty("nvidia.com/gpu").GetString());
        Assert.Equal("1Gi", doc.RootElement.GetProperty("requests").GetProperty("ephemeral-storage").GetString());
    }

    [Theory]
    [InlineData("/system/functions", "[]", "at $ (line 1, column 2): wrong type: expected an object")]
    [InlineData("/system/functions", "{\"service\":5,\"image\":\"x\"}", "at $.service (line 1, column 13): wrong type: expected a string")]
    [InlineData("/system/functions", "{\"service\":\"f\",\"image\":\"x\",\"envVars\":[\"A=1\"]}", "at $.envVars")]
    [InlineData("/system/scale-function/f", "{\"replicas\":\"two\"}", "at $.replicas (line 1, column 18): wrong type: expected an integer")]
    [InlineData("/system/secrets", "{\"name\":\"x\",\"value\":1}", "at $.value (line 1, column 22): wrong type: expected a string")]
    public async Task A_body_of_the_wrong_json_type_gets_400_naming_the_json_kind_not_a_dotnet_type(string path, string body, string reason)
    {
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("f", []);

        var response = await gw.Admin.SendAsync(Request(HttpMethod.Post, path, body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Harness.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_info_namespaces_and_logs_answer_with_openfaas_shapes()
    {
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("f", []);
        gw.Provider.Logs.Add(new LogEntry { Name = "f", Namespace = "openfaas-fn", Instance = "f-0", Timestamp = DateTimeOffset.UnixEpoch, Text = "one" });
        gw.Provider.Logs.Add(new LogEntry { Name = "f", Namespace = "openfaas-fn", Instance = "f-0", Timestamp = DateTimeOffset.UnixEpoch, Text = "two" });

        var scale = await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/scale-function/f", """{"serviceName":"f","replicas":3}"""));
        Assert.Equal(HttpStatusCode.Accepted, scale.StatusCode);
        Assert.Contains(gw.Provider.ScaleCalls, c => c == ("f", "openfaas-fn", 3));
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/scale-function/f", """{"replicas":-1}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/scale-function/nope", """{"replicas":1}"""))).StatusCode);

        using var info = JsonDocument.Parse(await gw.Admin.GetStringAsync("/system/info"));
        Assert.Equal("test", info.RootElement.GetProperty("provider").GetProperty("provider").GetString());
        Assert.Equal("none", info.RootElement.GetProperty("provider").GetProperty("orchestration").GetString());
        // As OpenFaaS: the release and the commit in fields of their own (faas-cli version prints both).
        var version = info.RootElement.GetProperty("version");
        Assert.Matches(@"^\d+\.\d+\.\d+$", version.GetProperty("release").GetString());
        Assert.Matches("^([0-9a-f]{40})?$", version.GetProperty("sha").GetString()); // empty in a build outside git
        Assert.False(string.IsNullOrEmpty(info.RootElement.GetProperty("arch").GetString()));

        Assert.Contains("openfaas-fn", await gw.Admin.GetFromJsonAsync<string[]>("/system/namespaces") ?? []);

        var logs = await gw.Admin.GetAsync("/system/logs?name=f&tail=1");
        Assert.Equal("application/x-ndjson", logs.Content.Headers.ContentType?.MediaType);
        var lines = (await logs.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        using var entry = JsonDocument.Parse(line);
        Assert.Equal("two", entry.RootElement.GetProperty("text").GetString());
        Assert.Equal("f-0", entry.RootElement.GetProperty("instance").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.GetAsync("/system/logs?name=f&since=yesterday")).StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-2")]
    public async Task A_tail_of_zero_or_less_returns_every_line_as_faas_provider(string tail)
    {
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("f", []);
        gw.Provider.Logs.Add(new LogEntry { Name = "f", Namespace = "openfaas-fn", Instance = "f-0", Timestamp = DateTimeOffset.UnixEpoch, Text = "one" });
        gw.Provider.Logs.Add(new LogEntry { Name = "f", Namespace = "openfaas-fn", Instance = "f-0", Timestamp = DateTimeOffset.UnixEpoch, Text = "two" });

        var logs = await gw.Admin.GetAsync("/system/logs?name=f&tail=" + tail);

        Assert.Equal(HttpStatusCode.OK, logs.StatusCode);
        Assert.Equal(2, (await logs.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.GetAsync("/system/logs?name=f&tail=many")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/system/functions?namespace=nosuchns")]
    [InlineData("GET", "/system/function/f?namespace=nosuchns")]
    [InlineData("GET", "/system/function/f.nosuchns")]
    [InlineData("GET", "/system/secrets?namespace=nosuchns")]
    [InlineData("GET", "/system/logs?name=f&namespace=nosuchns")]
    [InlineData("POST", "/system/scale-function/f?namespace=nosuchns")]
    public async Task A_namespace_that_does_not_exist_is_400_as_faasd_not_an_empty_answer(string method, string path)
    {
        await using var gw = await GatewayFixture.StartAsync();
        gw.Provider.Add("f", [], ns: "team");

        var missing = await gw.Admin.SendAsync(Request(new HttpMethod(method), path, """{"replicas":1}"""));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("namespace not valid", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var existing = await gw.Admin.SendAsync(Request(new HttpMethod(method), path.Replace("nosuchns", "team", StringComparison.Ordinal), """{"replicas":1}"""));
        Assert.True(existing.IsSuccessStatusCode, $"{method} {path} in an existing namespace: {existing.StatusCode}");
    }

    [Fact]
    public async Task Secrets_are_created_listed_without_values_and_removed()
    {
        await using var gw = await GatewayFixture.StartAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/secrets", """{"name":"db","value":"s3cret"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await gw.Admin.SendAsync(Request(HttpMethod.Post, "/system/secrets", """{"name":"db","value":"x"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await gw.Admin.SendAsync(Request(HttpMethod.Put, "/system/secrets", """{"name":"db","rawValue":"AAE="}"""))).StatusCode);
        Assert.Equal([0, 1], gw.Provider.Secret("db")!.RawValue);

        var listed = await gw.Admin.GetStringAsync("/system/secrets");
        Assert.Contains("\"name\":\"db\"", listed);
        Assert.DoesNotContain("value", listed, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.Accepted, (await gw.Admin.SendAsync(Request(HttpMethod.Delete, "/system/secrets", """{"name":"db"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gw.Admin.SendAsync(Request(HttpMethod.Delete, "/system/secrets", """{"name":"db"}"""))).StatusCode);
    }

    [Fact]
    public async Task Artifacts_are_stored_through_the_artifact_store()
    {
        await using var gw = await GatewayFixture.StartAsync();
        var put = await gw.Admin.PutAsync("/system/artifacts?image=me/fn:1", new ByteArrayContent([1, 2, 3]));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Contains("me/fn:1", await gw.Admin.GetStringAsync("/system/artifacts"));
        Assert.Equal(HttpStatusCode.BadRequest, (await gw.Admin.PutAsync("/system/artifacts", new ByteArrayContent([1]))).StatusCode);
    }

    [Fact]
    public async Task Abilities_the_provider_lacks_answer_501()
    {
        await using var gw = await GatewayFixture.StartAsync(wrap: p => new BareProvider(p));
        Assert.Equal(HttpStatusCode.NotImplemented, (await gw.Admin.GetAsync("/system/secrets")).StatusCode);
        Assert.Equal(HttpStatusCode.NotImplemented, (await gw.Admin.PutAsync("/system/artifacts?image=x", new ByteArrayContent([1]))).StatusCode);
    }
}
