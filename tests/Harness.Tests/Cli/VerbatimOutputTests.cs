using Harness.Cli;
using Harness.Testing;
using Microsoft.AspNetCore.Http;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Harness.Tests.Cli;

/// <summary>
/// Names, paths and messages reach the console as written: Spectre markup would turn <c>:rocket:</c> into an emoji and
/// <c>[red]x[/]</c> into a red "x" (and <see cref="Markup.Escape"/> does not stop the first). Each command that prints
/// a name is run with one.
/// </summary>
public sealed class VerbatimOutputTests : IDisposable
{
    private const string Name = ":rocket:[red]x[/]";
    private const string Rocket = "\U0001F680";

    private readonly string _dir = Directory.CreateTempSubdirectory("harness-verbatim-").FullName;
    private readonly CliHarness _cli = new();

    [Fact]
    public void Holes_are_verbatim_while_the_codes_own_markup_still_styles()
    {
        var console = new TestConsole();
        var colour = "red";

        console.MarkupLineVerbatim($"[{colour}]error[/] [[{Name}]] {3.5:0.0}");

        Assert.Equal($"error [{Name}] 3.5", console.Output.TrimEnd());
        Assert.Throws<InvalidOperationException>(() => console.MarkupLineVerbatim($"[red]unclosed {Name}"));
    }

    [Fact]
    public async Task The_live_run_view_prints_the_scenario_name_verbatim()
    {
        var console = new TestConsole().Interactive();
        console.Profile.Capabilities.Ansi = true;

        await console.Progress().Columns(new Harness.Cli.Run.VerbatimDescriptionColumn()).StartAsync(ctx =>
        {
            var task = ctx.AddTask(Name + "  passed", maxValue: 1);
            Harness.Cli.Run.VerbatimDescriptionColumn.Finish(task, Harness.Results.ScenarioStatus.Passed);
            task.StopTask();
            return Task.CompletedTask;
        });

        Assert.Contains(Name + "  passed", console.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Rocket, console.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_secret_list_remove_and_gateway_errors_print_server_names_verbatim()
    {
        await using var gateway = await TestGateway.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            switch (context.Request.Method + " " + context.Request.Path)
            {
                case "GET /system/functions":
                    await context.Response.WriteAsync($$"""[{"name":"{{Name}}","image":"img:skull:[b]","replicas":1,"availableReplicas":1}]""");
                    break;
                case "GET /system/secrets":
                    await context.Response.WriteAsync($$"""[{"name":"{{Name}}","namespace":"openfaas-fn"}]""");
                    break;
                case "POST /system/scale-function/pay":
                    context.Response.StatusCode = 400;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync($"refused {Name}");
                    break;
                default:
                    context.Response.StatusCode = 202;
                    break;
            }
        });
        _cli.Variables["OPENFAAS_URL"] = gateway.Url;

        var list = await _cli.RunAsync("list");
        var secrets = await _cli.RunAsync("secret", "list");
        var remove = await _cli.RunAsync("remove", Name);
        var refused = await _cli.RunAsync("scale", "pay", "--replicas", "1");

        Assert.Contains(Name, list.Output, StringComparison.Ordinal);
        Assert.Contains("img:skull:[b]", list.Output, StringComparison.Ordinal);
        Assert.Contains(Name, secrets.Output, StringComparison.Ordinal);
        Assert.Contains($"Removing: {Name}. Removed.", remove.Output, StringComparison.Ordinal);
        Assert.Contains($"refused {Name}", refused.Output, StringComparison.Ordinal);
        Assert.All(new[] { list, secrets, remove, refused }, r => Assert.DoesNotContain(Rocket, r.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secret_create_refuses_a_name_kubernetes_would_refuse_before_any_request()
    {
        var result = await _cli.RunAsync("secret", "create", Name, "--from-literal", "v", "--gateway", "http://127.0.0.1:1");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"invalid secret name '{Name}'", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Rocket, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_prints_a_bad_function_name_verbatim()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "fn"));
        var stack = Path.Combine(_dir, "stack.yml");
        File.WriteAllText(stack, $"provider: {{name: openfaas}}\nfunctions:\n  \"{Name}\":\n    image: pay\n    skip_build: true\n    secrets: [\"{Name}\"]\n");

        var result = await _cli.RunAsync("validate", "-f", stack);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"functions.{Name}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"invalid secret name '{Name}'", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Rocket, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_dry_run_the_run_itself_and_history_print_a_scenario_name_verbatim()
    {
        await using var server = await StallServer.StartAsync(TimeSpan.Zero, TimeSpan.Zero);
        var scenario = Path.Combine(_dir, "named.yml");
        File.WriteAllText(scenario, $$"""
            name: "{{Name}}"
            target: {url: "{{server.Url}}"}
            load: {model: constant-arrival-rate, rate: 20, duration: 1s}
            """);
        var outDir = Path.Combine(_dir, "out");

        var plan = await _cli.RunAsync("run", scenario, "--dry-run");
        var run = await _cli.RunAsync("run", scenario, "--out", outDir, "--no-report");
        var history = await _cli.RunAsync("history", "--history", Path.Combine(outDir, "history.db"));

        Assert.Equal(0, run.ExitCode);
        Assert.All(new[] { plan, run, history }, r =>
        {
            Assert.Contains(Name, r.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(Rocket, r.Output, StringComparison.Ordinal);
        });
    }

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
