using System.Text.Json;
using Harness.Cli;
using Harness.Cli.App;
using Microsoft.AspNetCore.Http;
using Spectre.Console.Cli;

namespace Harness.Tests.Cli;

/// <summary>faas-cli's deploy flags on the wire: --replace, --update, -e/-l/--annotation/--secret over the stack, --filter/--regex, --image/--name.</summary>
public sealed class DeployFlagsTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private static Task<TestGateway> StartAsync(HashSet<string>? existing = null) =>
        TestGateway.StartAsync((context, body) =>
        {
            existing ??= [];
            var name = body.Length == 0 ? "" : JsonDocument.Parse(body).RootElement.TryGetProperty("service", out var s) ? s.GetString()! : "";
            context.Response.StatusCode = context.Request.Method switch
            {
                "PUT" => existing.Contains(name) ? 202 : 404,
                "DELETE" => 202,
                _ => 202,
            };
            return Task.CompletedTask;
        });

    private void WriteStack(string gateway) =>
        File.WriteAllText(Path.Combine(_cli.Home, "stack.yml"), $"""
            provider:
              name: openfaas
              gateway: {gateway}
            functions:
              gif-maker:
                image: me/gif-maker:1
                skip_build: true
                environment: {"{"}mode: fast, keep: yes{"}"}
                labels: {"{"}team: a{"}"}
                annotations: {"{"}owner: x{"}"}
                secrets: [db]
              gif-reader:
                image: me/gif-reader:1
                skip_build: true
                constraints: ["disk=ssd"]
              pay:
                image: me/pay:1
                skip_build: true
            """);

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    [Fact]
    public async Task Flags_override_and_add_to_the_stack_and_filter_picks_functions()
    {
        await using var gateway = await StartAsync();
        WriteStack(gateway.Url);

        var result = await _cli.RunAsync("deploy", "--filter", "gif-*", "-e", "mode=slow", "--env", "extra=1", "-l", "team=b",
            "--annotation", "owner=y", "--secret", "api", "--secret", "db", "--constraint", "zone=no");

        Assert.Equal(0, result.ExitCode);
        var posts = gateway.Requests.Where(r => r.Method == "POST").Select(r => Json(r.Body)).ToList();
        Assert.Equal(["gif-maker", "gif-reader"], posts.Select(p => p.GetProperty("service").GetString()));
        var maker = posts[0];
        Assert.Equal("slow", maker.GetProperty("envVars").GetProperty("mode").GetString());
        Assert.Equal("yes", maker.GetProperty("envVars").GetProperty("keep").GetString());
        Assert.Equal("1", maker.GetProperty("envVars").GetProperty("extra").GetString());
        Assert.Equal("b", maker.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("y", maker.GetProperty("annotations").GetProperty("owner").GetString());
        Assert.Equal(["db", "api"], maker.GetProperty("secrets").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["zone=no"], maker.GetProperty("constraints").EnumerateArray().Select(e => e.GetString()));
        // The stack's own constraints win over --constraint, as in faas-cli.
        Assert.Equal(["disk=ssd"], posts[1].GetProperty("constraints").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Regex_selects_by_a_regular_expression_and_a_filter_matching_nothing_is_a_usage_error()
    {
        await using var gateway = await StartAsync();
        WriteStack(gateway.Url);

        var regex = await _cli.RunAsync("deploy", "--regex", "^pa");
        var none = await _cli.RunAsync("deploy", "--filter", "nothing*");

        Assert.Equal(0, regex.ExitCode);
        Assert.Equal(["pay"], gateway.Requests.Where(r => r.Method == "POST").Select(r => Json(r.Body).GetProperty("service").GetString()));
        Assert.Equal(ExitCodes.UsageError, none.ExitCode);
        Assert.Contains("no functions matching --filter \"nothing*\"", none.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_is_put_then_post_replace_is_delete_then_post_and_update_false_only_posts()
    {
        await using var gateway = await StartAsync(existing: ["pay"]);
        WriteStack(gateway.Url);

        var update = await _cli.RunAsync("deploy", "--filter", "pay");
        var afterUpdate = gateway.Requests.Count;
        var replace = await _cli.RunAsync("deploy", "--filter", "pay", "--replace");
        var afterReplace = gateway.Requests.Count;
        var create = await _cli.RunAsync("deploy", "--filter", "pay", "--update=false");

        Assert.All(new[] { update, replace, create }, r => Assert.Equal(0, r.ExitCode));
        var methods = gateway.Requests.Select(r => r.Method + " " + r.Path).ToList();
        Assert.Equal(["PUT /system/functions"], methods[..afterUpdate]);
        Assert.Equal(["DELETE /system/functions", "POST /system/functions"], methods[afterUpdate..afterReplace]);
        Assert.Equal("""{"functionName":"pay"}""", gateway.Requests[afterUpdate].Body);
        Assert.Equal(["POST /system/functions"], methods[afterReplace..]);
    }

    [Fact]
    public async Task Image_and_name_deploy_without_a_stack_file()
    {
        await using var gateway = await StartAsync();
        _cli.Variables["OPENFAAS_URL"] = gateway.Url;

        var result = await _cli.RunAsync("deploy", "--image", "me/echo:2", "--name", "echo", "--fprocess", "cat", "-e", "a=b", "-l", "com.openfaas.scale.min=2", "-n", "team1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"URL: {gateway.Url}/function/echo.team1", result.Output, StringComparison.Ordinal);
        var post = Json(gateway.Requests.Single(r => r.Method == "POST").Body);
        Assert.Equal("echo", post.GetProperty("service").GetString());
        Assert.Equal("me/echo:2", post.GetProperty("image").GetString());
        Assert.Equal("cat", post.GetProperty("envProcess").GetString());
        Assert.Equal("team1", post.GetProperty("namespace").GetString());
        Assert.Equal("b", post.GetProperty("envVars").GetProperty("a").GetString());
        Assert.Equal("2", post.GetProperty("labels").GetProperty("com.openfaas.scale.min").GetString());
    }

    [Theory]
    [InlineData("-e", "novalue", "--env 'novalue' is not KEY=VALUE")]
    [InlineData("-l", "=x", "--label '=x' has an empty key")]
    [InlineData("--annotation", "k=", "--annotation 'k=' has an empty value")]
    public async Task A_bad_key_value_is_a_usage_error_and_nothing_is_deployed(string option, string value, string message)
    {
        await using var gateway = await StartAsync();
        WriteStack(gateway.Url);

        var error = await Assert.ThrowsAsync<CommandRuntimeException>(() => _cli.RunAsync("deploy", "-e", "ok=1", option, value));
        var exitCode = await HarnessApp.RunAsync(["deploy", "-f", Path.Combine(_cli.Home, "stack.yml"), option, value]);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, exitCode);
        Assert.Empty(gateway.Requests);
    }

    [Theory]
    [InlineData("--replace --update", "cannot specify --update and --replace at the same time")]
    [InlineData("--image me/x:1", "give both --image and --name")]
    [InlineData("--filter a --regex b", "pass in a --regex or a --filter, not both")]
    [InlineData("--regex (", "is not a valid regular expression")]
    public async Task Conflicting_flags_are_usage_errors(string args, string message)
    {
        var error = await Assert.ThrowsAsync<CommandRuntimeException>(() => _cli.RunAsync(["deploy", .. args.Split(' ')]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
