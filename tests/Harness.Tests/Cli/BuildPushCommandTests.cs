using System.Formats.Tar;
using System.IO.Compression;
using Harness.Cli;
using Microsoft.AspNetCore.Http;

namespace Harness.Tests.Cli;

public sealed class BuildPushCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public BuildPushCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_cli.Home, "fn"));
        File.WriteAllText(Path.Combine(_cli.Home, "fn", "handler.py"), "def handle(req):\n    return req\n");
    }

    [Fact]
    public async Task Build_writes_the_function_folder_and_push_uploads_it_as_a_gzipped_tar()
    {
        await using var gateway = await TestGateway.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        });
        WriteStack(gateway.Url, "  other:\n    image: other:1\n    skip_build: true\n");

        var build = await _cli.RunAsync("build", "--local-only");
        var push = await _cli.RunAsync("push");

        Assert.Equal(0, build.ExitCode);
        Assert.Contains("Skipping build of other: skip_build is set", build.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_cli.Home, "build", "pay", "function", "handler.py")));
        Assert.Equal(0, push.ExitCode);
        var request = Assert.Single(gateway.Requests);
        Assert.Equal(("PUT", "/system/artifacts?image=me%2Fpay%3A0.1"), (request.Method, request.Path));
        var entries = TarEntries(gateway.Bodies[0]);
        Assert.Contains("harness-artifact.json", entries);
        Assert.Contains("function/handler.py", entries);
    }

    [Fact]
    public async Task Build_puts_the_artifact_into_a_platform_on_this_machine()
    {
        await using var gateway = await TestGateway.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 201;
            return Task.CompletedTask;
        });
        WriteStack(gateway.Url);

        var build = await _cli.RunAsync("build");

        Assert.Equal(0, build.ExitCode);
        Assert.Equal("PUT", Assert.Single(gateway.Requests).Method);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("build")]
    public async Task A_missing_handler_folder_stops_before_anything_is_built_pushed_or_deployed(string command)
    {
        await using var gateway = await TestGateway.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 202;
            return Task.CompletedTask;
        });
        WriteStack(gateway.Url, "  bad:\n    lang: python3\n    handler: ./missing\n    image: me/bad:0.1\n");

        var result = await _cli.RunAsync(command);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("stack.yml:11:14: functions.bad.handler: handler folder './missing' does not exist", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Home, "build")), "the good function was built although the stack cannot be");
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task A_missing_handler_folder_of_a_function_not_selected_does_not_stop_the_build()
    {
        WriteStack("http://127.0.0.1:9", "  bad:\n    lang: python3\n    handler: ./missing\n    image: me/bad:0.1\n");

        var result = await _cli.RunAsync("build", "--local-only", "--filter", "pay");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(File.Exists(Path.Combine(_cli.Home, "build", "pay", "function", "handler.py")));
    }

    [Fact]
    public async Task Push_to_a_gateway_without_an_artifact_store_fails_clearly()
    {
        await using var gateway = await TestGateway.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = 501;
            await context.Response.WriteAsync("this provider has no artifact store");
        });
        WriteStack(gateway.Url);

        var build = await _cli.RunAsync("build", "--local-only");
        var push = await _cli.RunAsync("push");

        Assert.Equal(0, build.ExitCode);
        Assert.Equal(1, push.ExitCode);
        Assert.Contains("has no artifact store (501)", push.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_before_build_says_to_build_first()
    {
        WriteStack("http://127.0.0.1:1");

        var push = await _cli.RunAsync("push");

        Assert.Equal(1, push.ExitCode);
        Assert.Contains("pay is not built", push.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_handler_the_template_cannot_build_is_reported_and_nothing_is_deployed()
    {
        File.Delete(Path.Combine(_cli.Home, "fn", "handler.py"));
        WriteStack("http://127.0.0.1:1");

        var up = await _cli.RunAsync("up");

        Assert.Equal(ExitCodes.UsageError, up.ExitCode);
        Assert.Contains("functions.pay: handler:", up.Output, StringComparison.Ordinal);
        Assert.Contains("has no handler.py", up.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Deploying", up.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("up")]
    public async Task A_requirements_install_that_fails_is_exit_2_with_the_file_and_pips_message_and_nothing_is_pushed(string command)
    {
        await using var gateway = await TestGateway.StartAsync((context, _) =>
        {
            context.Response.StatusCode = 202;
            return Task.CompletedTask;
        });
        var wheels = Path.Combine(_cli.Home, "empty-wheels");
        Directory.CreateDirectory(wheels);
        File.WriteAllText(Path.Combine(_cli.Home, "fn", "requirements.txt"), $"--no-index\n--find-links {wheels}\nno-such-package-harness\n");
        WriteStack(gateway.Url);

        var result = await _cli.RunAsync(command);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        var output = System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " ");
        Assert.Contains("requirements.txt: pip install failed", output, StringComparison.Ordinal);
        Assert.Contains("no-such-package-harness", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_cli.Home, "build", "pay")));
        Assert.Empty(gateway.Requests);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("build")]
    [InlineData("up")]
    public async Task A_python3_handler_returning_statusCode_gets_a_portability_warning_at_its_line(string command)
    {
        await using var gateway = await TestGateway.StartAsync((context, _) =>
        {
            context.Response.StatusCode = context.Request.Path.StartsWithSegments("/system/artifacts") ? 201 : 202;
            return Task.CompletedTask;
        });
        File.WriteAllText(Path.Combine(_cli.Home, "fn", "handler.py"), "def handle(req):\n    return {\"statusCode\": 400, \"body\": req}\n");
        WriteStack(gateway.Url);

        var result = command switch
        {
            "validate" => await _cli.RunAsync("validate", "-f", Path.Combine(_cli.Home, "stack.yml")),
            "build" => await _cli.RunAsync("build", "--local-only"),
            _ => await _cli.RunAsync("up"),
        };

        Assert.True(result.ExitCode == 0, result.Output);
        var output = System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " ");
        Assert.Contains(Path.Combine(_cli.Home, "fn", "handler.py") + ":2:13: functions.pay.handler: portability: this python3 handler returns a dict with statusCode: upstream OpenFaaS answers 200 with the dict's repr", output, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private void WriteStack(string gateway, string extra = "") =>
        File.WriteAllText(Path.Combine(_cli.Home, "stack.yml"),
            $"provider:\n  name: openfaas\n  gateway: {gateway}\nfunctions:\n  pay:\n    lang: python3\n    handler: ./fn\n    image: me/pay:0.1\n{extra}");

    private static List<string> TarEntries(byte[] gzippedTar)
    {
        using var gzip = new GZipStream(new MemoryStream(gzippedTar), CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name.TrimStart('.', '/'));
        }

        return names;
    }
}
