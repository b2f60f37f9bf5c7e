using System.Text;
using Harness.Cli;
using Harness.Cli.App;
using Microsoft.AspNetCore.Http;

namespace Harness.Tests.Cli;

public sealed class ClientCommandTests : IDisposable
{
    private static readonly string AdminHeader = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret"));

    private readonly CliHarness _cli = new();

    [Fact]
    public async Task Login_checks_the_password_and_stores_it_in_faas_clis_format()
    {
        await using var gateway = await TestGateway.StartAsync(async (context, _) =>
        {
            var ok = context.Request.Headers.Authorization.ToString() == AdminHeader;
            context.Response.StatusCode = ok ? 200 : 401;
            await context.Response.WriteAsync(ok ? "[]" : "invalid credentials");
        });
        _cli.Stdin = "s3cret\n"u8.ToArray();

        var result = await _cli.RunAsync("login", "--gateway", gateway.Url + "/", "-u", "admin", "--password-stdin");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(("GET", "/system/functions", AdminHeader), (gateway.Requests[0].Method, gateway.Requests[0].Path, gateway.Requests[0].Authorization));
        Assert.Equal($"auths:\n- gateway: {gateway.Url}\n  auth: basic\n  token: YWRtaW46czNjcmV0\n", File.ReadAllText(_cli.ConfigFile));
        Assert.Contains("credentials saved for admin", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_nothing_is_stored()
    {
        await using var gateway = await TestGateway.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsync("invalid credentials");
        });
        _cli.Stdin = "nope"u8.ToArray();

        var result = await _cli.RunAsync("login", "-g", gateway.Url, "--password-stdin");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("401", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.ConfigFile));
    }

    [Fact]
    public async Task Deploy_uses_the_stacks_gateway_and_a_login_made_by_faas_cli()
    {
        await using var gateway = await TestGateway.StartAsync((context, _) =>
        {
            context.Response.StatusCode = context.Request.Method == "PUT" ? 404 : 202;
            return Task.CompletedTask;
        });
        // A config.yml as faas-cli login writes it.
        Directory.CreateDirectory(Path.GetDirectoryName(_cli.ConfigFile)!);
        File.WriteAllText(_cli.ConfigFile, $"auths:\n- gateway: {gateway.Url}\n  auth: basic\n  token: YWRtaW46czNjcmV0\n");
        Directory.CreateDirectory(Path.Combine(_cli.Home, "fn"));
        File.WriteAllText(Path.Combine(_cli.Home, "stack.yml"), $"""
            version: 1.0
            provider:
              name: openfaas
              gateway: {gateway.Url}
            functions:
              pay:
                lang: python3
                handler: ./fn
                image: me/pay:{"${TAG:-latest}"}
            """);
        _cli.Variables["OPENFAAS_URL"] = "http://127.0.0.1:1";
        _cli.Variables["TAG"] = "0.2";

        var result = await _cli.RunAsync("deploy", "-f", "stack.yml");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"URL: {gateway.Url}/function/pay", result.Output, StringComparison.Ordinal);
        Assert.Equal(["PUT", "POST"], gateway.Requests.Select(r => r.Method));
        Assert.All(gateway.Requests, r => Assert.Equal(AdminHeader, r.Authorization));
        Assert.Contains("\"image\":\"me/pay:0.2\"", gateway.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_of_a_bad_stack_sends_nothing_and_exits_2()
    {
        File.WriteAllText(Path.Combine(_cli.Home, "stack.yml"), "provider: {name: openfaas}\nfunctions:\n  Pay:\n    image: x\n    skip_build: true\n");

        var result = await _cli.RunAsync("deploy", "--gateway", "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("stack.yml:3:3: functions.Pay: invalid function name", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_pipes_stdin_to_the_function_and_fails_on_a_non_2xx_status()
    {
        await using var gateway = await TestGateway.StartAsync(async (context, body) =>
        {
            context.Response.StatusCode = body.Contains("SE", StringComparison.Ordinal) ? 400 : 200;
            await context.Response.WriteAsync("echo:" + body + ":" + context.Request.QueryString + ":" + context.Request.Headers["X-Tenant"]);
        });
        _cli.Variables["OPENFAAS_URL"] = gateway.Url;

        _cli.Stdin = """{"tx_id":"NO123"}"""u8.ToArray();
        var ok = await _cli.RunAsync("invoke", "pay", "--content-type", "application/json", "-H", "X-Tenant=no", "--query", "a=1");
        var okOut = _cli.StdoutText;
        _cli.Stdin = """{"tx_id":"SE1"}"""u8.ToArray();
        var bad = await _cli.RunAsync("invoke", "pay");

        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("""echo:{"tx_id":"NO123"}:?a=1:no""", okOut);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith("""echo:{"tx_id":"SE1"}""", _cli.StdoutText, StringComparison.Ordinal);
        Assert.Contains("Server returned unexpected status code: 400", _cli.Stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("/function/pay?a=1", gateway.Requests[0].Path);
        Assert.Null(gateway.Requests[0].Authorization);
    }

    [Fact]
    public async Task List_describe_scale_remove_logs_and_secrets_reach_the_gateway()
    {
        await using var gateway = await TestGateway.StartAsync(async (context, _) =>
        {
            var route = context.Request.Method + " " + context.Request.Path;
            context.Response.ContentType = "application/json";
            switch (route)
            {
                case "GET /system/functions":
                    await context.Response.WriteAsync("""[{"name":"pay","image":"me/pay:0.2","replicas":1,"availableReplicas":1,"invocationCount":12}]""");
                    break;
                case "GET /system/function/pay":
                    await context.Response.WriteAsync("""{"name":"pay","image":"me/pay:0.2","replicas":1,"availableReplicas":0,"lastExitReason":"OOMKilled","usage":{"cpu":12.4,"totalMemoryBytes":25165824}}""");
                    break;
                case "GET /system/logs":
                    await context.Response.WriteAsync("""{"name":"pay","namespace":"openfaas-fn","instance":"pay-1","timestamp":"2026-01-01T00:00:00Z","text":"hello"}""" + "\n");
                    break;
                case "GET /system/secrets":
                    await context.Response.WriteAsync("""[{"name":"db","namespace":"openfaas-fn"}]""");
                    break;
                default:
                    context.Response.StatusCode = 202;
                    break;
            }
        });
        _cli.Variables["OPENFAAS_URL"] = gateway.Url;

        var list = await _cli.RunAsync("list");
        var describe = await _cli.RunAsync("describe", "pay");
        var scale = await _cli.RunAsync("scale", "pay", "--replicas", "0");
        var logs = await _cli.RunAsync("logs", "pay", "--tail", "5");
        var logsOut = _cli.StdoutText;
        var create = await _cli.RunAsync("secret", "create", "db", "--from-literal", "pw");
        var secrets = await _cli.RunAsync("secret", "list");
        var removeSecret = await _cli.RunAsync("secret", "remove", "db");
        var remove = await _cli.RunAsync("remove", "pay");

        Assert.All(new[] { list, describe, scale, logs, create, secrets, removeSecret, remove }, r => Assert.Equal(0, r.ExitCode));
        Assert.Contains("12", list.Output, StringComparison.Ordinal);
        Assert.Contains("OOMKilled", describe.Output, StringComparison.Ordinal);
        Assert.Contains("Not Ready", describe.Output, StringComparison.Ordinal);
        Assert.Contains("CPU 12 millicores, RAM 24.0 MiB", describe.Output, StringComparison.Ordinal);
        Assert.Equal("2026-01-01T00:00:00.000Z pay (pay-1) hello\n", logsOut);
        Assert.Contains("db", secrets.Output, StringComparison.Ordinal);
        var requests = gateway.Requests.Select(r => $"{r.Method} {r.Path} {r.Body}").ToList();
        Assert.Contains("""POST /system/scale-function/pay {"serviceName":"pay","replicas":0}""", requests);
        Assert.Contains("GET /system/logs?name=pay&tail=5&follow=false ", requests);
        Assert.Contains("""POST /system/secrets {"name":"db","rawValue":"cHc="}""", requests);
        Assert.Contains("""DELETE /system/secrets {"name":"db"}""", requests);
        Assert.Contains("""DELETE /system/functions {"functionName":"pay"}""", requests);
    }

    [Fact]
    public async Task Usage_errors_exit_2_and_an_unreachable_gateway_exits_1()
    {
        var negative = await Assert.ThrowsAsync<Spectre.Console.Cli.CommandRuntimeException>(() => _cli.RunAsync("scale", "pay", "--replicas", "-1"));
        var exitCode = await HarnessApp.RunAsync(["scale", "pay", "--replicas", "-1"]);
        var unreachable = await _cli.RunAsync("list", "--gateway", "http://127.0.0.1:1");

        Assert.Equal("--replicas must be 0 or more", negative.Message);
        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("cannot reach the gateway at http://127.0.0.1:1", unreachable.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
