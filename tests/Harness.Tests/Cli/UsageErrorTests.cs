using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Harness.Cli;
using Harness.Cli.App;
using Harness.History;
using Spectre.Console.Cli;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Cli;

/// <summary>
/// Bad input is exit 2 with a message that names it, never ignored and never a crash (docs/reference/cli.md, "A bad
/// flag … is exit 2"): unknown options, files that are devices or folders, gateway URLs that are not http(s), history
/// files that are no database, and the output folder, history and baseline of a run, checked before any load starts.
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-usage-").FullName;

    private static string Repo(string relative) => Path.Combine(RepoRoot(), relative);

    [Fact]
    public async Task An_unknown_option_is_an_error_naming_it_and_never_takes_the_next_argument()
    {
        var app = Tester();
        var stack = Repo("scenarios/functions/stack.yml");

        var unknown = await Assert.ThrowsAsync<CommandParseException>(() => app.RunAsync(["validate", "-f", stack, "--frobnicate"]));
        Assert.Contains("Unknown option 'frobnicate'", unknown.Message, StringComparison.Ordinal);

        // Relaxed parsing let --tagret swallow the file and planned the whole default suite.
        var typo = await Assert.ThrowsAsync<CommandParseException>(() => app.RunAsync(["run", "--dry-run", "--tagret", stack]));
        Assert.Contains("Unknown option 'tagret'", typo.Message, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["validate", "-f", stack, "--frobnicate"]));
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["run", "--dry-run", "--tagret", stack]));
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["bench", "--frobnicate"]));
    }

    [Fact]
    public async Task Arguments_after_a_double_dash_are_refused_not_dropped()
    {
        var scenario = Scenario("http://127.0.0.1:9/");

        var error = await Assert.ThrowsAsync<CliUsageException>(() => Tester().RunAsync(["run", "--dry-run", "--", scenario]));

        Assert.Contains("after '--'", error.Message, StringComparison.Ordinal);
        Assert.Contains(scenario, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["run", "--dry-run", "--", scenario]));
    }

    [Fact]
    public async Task The_commands_own_arguments_still_parse_strictly()
    {
        // What build.sh run, the docs and the agents pass: positional scenario files, -o, --no-report, the bench default command.
        var scenario = Scenario("http://127.0.0.1:9/");
        var app = Tester();

        Assert.Equal(0, (await app.RunAsync(["run", scenario, "-o", Path.Combine(_dir, "out"), "--no-report", "--dry-run"])).ExitCode);
        Assert.Equal(0, (await app.RunAsync(["run", "--dry-run", "--profile", "smoke"])).ExitCode);
        Assert.Equal(0, (await app.RunAsync(["validate", "-f", Repo("scenarios/functions/stack.yml")])).ExitCode);
        Assert.Equal(0, (await app.RunAsync(["bench", "--help"])).ExitCode);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_names_its_option()
    {
        var error = await Assert.ThrowsAsync<CommandRuntimeException>(() => Tester().RunAsync(["run", "--agents", "abc"]));

        Assert.Equal("--agents: 'abc' is not a whole number", UsageErrorText.Describe(error, ["run", "--agents", "abc"]));
        Assert.Equal("--agents: 'abc' is not a whole number", UsageErrorText.Describe(error, ["run", "--agents=abc"]));
        var rate = await Assert.ThrowsAsync<CommandRuntimeException>(() => Tester().RunAsync(["node", "tune", "--expected-rate", "fast"]));
        Assert.Equal("--expected-rate: 'fast' is not a number", UsageErrorText.Describe(rate, ["node", "tune", "--expected-rate", "fast"]));
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["run", "--agents", "abc"]));
    }

    [Fact]
    public async Task Every_bad_run_flag_is_listed_at_once()
    {
        var error = await Assert.ThrowsAsync<CommandRuntimeException>(() =>
            Tester().RunAsync(["run", "--agents", "0", "--profile", "bogus", "--tolerance", "abc", "--agent-runtime", "moon"]));

        foreach (var option in new[] { "--agents:", "--profile:", "--tolerance:", "--agent-runtime:" })
        {
            Assert.Contains(option, error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(4, error.Message.Split('\n').Length);
    }

    [Theory]
    [InlineData("--out", "")]
    [InlineData("--history", "")]
    [InlineData("--pin-baseline", "")]
    [InlineData("--baseline", " ")]
    public async Task An_empty_run_option_value_is_a_usage_error_naming_the_option(string option, string value)
    {
        var error = await Assert.ThrowsAsync<CommandRuntimeException>(() => Tester().RunAsync(["run", Scenario("http://127.0.0.1:9/"), option, value, "--dry-run"]));

        Assert.StartsWith(option + ":", error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync(["run", Scenario("http://127.0.0.1:9/"), option, value]));
    }

    [Fact]
    public async Task What_needs_the_history_is_refused_with_no_history()
    {
        var error = await Assert.ThrowsAsync<CommandRuntimeException>(() =>
            Tester().RunAsync(["run", Scenario("http://127.0.0.1:9/"), "--no-history", "--baseline", "main", "--fail-on-regression", "--dry-run"]));

        Assert.Contains("--baseline: needs the run history", error.Message, StringComparison.Ordinal);
        Assert.Contains("--fail-on-regression: needs the run history", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_option_values_are_checked_and_name_their_option()
    {
        var app = Tester();

        Assert.Contains("--expected-rate", (await Assert.ThrowsAsync<CommandRuntimeException>(() => app.RunAsync(["node", "tune", "--expected-rate", "-5"]))).Message, StringComparison.Ordinal);
        Assert.Contains("--expected-rate", (await Assert.ThrowsAsync<CommandRuntimeException>(() => app.RunAsync(["node", "audit", "--expected-rate", "-5"]))).Message, StringComparison.Ordinal);
        Assert.Contains("--limit", (await Assert.ThrowsAsync<CommandRuntimeException>(() => app.RunAsync(["history", "-n", "-1"]))).Message, StringComparison.Ordinal);
        Assert.Contains("cannot be empty", (await Assert.ThrowsAsync<CommandRuntimeException>(() => app.RunAsync(["baseline", "set", ""]))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("login", "-u", "admin", "-p", "secret")]
    [InlineData("invoke", "fn")]
    [InlineData("describe", "fn")]
    [InlineData("logs", "fn")]
    [InlineData("secret", "list")]
    [InlineData("namespace", "list")]
    public async Task A_gateway_url_that_is_not_http_is_a_usage_error_naming_the_option(params string[] command)
    {
        using var cli = new CliHarness();

        var error = await Assert.ThrowsAsync<CommandRuntimeException>(() => cli.RunAsync([.. command, "-g", "ftp://x"]));

        Assert.Equal("--gateway: 'ftp://x' is not an http:// or https:// URL", error.Message);
        Assert.Empty(cli.StdoutText); // namespace list printed "Namespaces:" before it crashed
        Assert.Equal(ExitCodes.UsageError, await HarnessApp.RunAsync([.. command, "-g", "ftp://x"]));
    }

    [Fact]
    public async Task A_bad_openfaas_url_is_named_as_the_variable()
    {
        using var cli = new CliHarness();
        cli.Variables["OPENFAAS_URL"] = "ftp://x";

        var error = await Assert.ThrowsAsync<CliUsageException>(() => cli.RunAsync("list"));

        Assert.StartsWith("OPENFAAS_URL: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("--gateway: 'http://' is not an http:// or https:// URL",
            (await Assert.ThrowsAsync<CommandRuntimeException>(() => cli.RunAsync("list", "-g", "http://"))).Message);
    }

    [Fact]
    public async Task A_device_a_fifo_or_a_folder_named_as_a_file_is_refused_naming_it()
    {
        var app = Tester();
        var fifo = Path.Combine(_dir, "pipe");
        using (var mk = Process.Start("mkfifo", fifo))
        {
            await mk.WaitForExitAsync();
        }

        var scenario = Scenario("http://127.0.0.1:9/");
        var cases = new (string[] Args, string Expected)[]
        {
            (["validate", "-f", "/dev/zero"], "/dev/zero is not a regular file"),
            (["validate", "-f", fifo], $"{fifo} is not a regular file"),
            (["validate", "-f", _dir], $"{_dir} is a folder"),
            (["run", "/dev/zero", "--dry-run"], "/dev/zero is not a regular file"),
            (["run", _dir, "--dry-run"], $"{_dir} is a folder"),
            (["run", scenario, "--target", "/dev/zero", "--dry-run"], "/dev/zero is not a regular file"),
            (["check", "residency", "--policy", "/dev/zero", "-o", Path.Combine(_dir, "findings")], "/dev/zero is not a regular file"),
            (["report", "/dev/zero"], "/dev/zero is not a regular file"),
            (["run", "", "--dry-run"], "an empty file name was given"),
            (["node", "audit", "--target", ""], "an empty file name was given"),
        };
        foreach (var (args, expected) in cases)
        {
            var result = await app.RunAsync(args);
            Assert.True(result.ExitCode == ExitCodes.UsageError, $"{string.Join(' ', args)}: exit {result.ExitCode}\n{result.Output}");
            Assert.Contains(expected, result.Output.ReplaceLineEndings(""), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_history_file_that_is_no_database_is_a_usage_error_for_every_history_command()
    {
        // SQLite itself calls "x\n" no database but takes "x" for an empty one (and would overwrite it).
        var app = Tester();
        foreach (var content in new[] { "x\n", "x" })
        {
            var fake = Path.Combine(_dir, "fake.db");
            await File.WriteAllTextAsync(fake, content);
            foreach (var args in new[] { new[] { "history", "--history", fake }, ["compare", "--history", fake], ["baseline", "set", "main", "--history", fake] })
            {
                var result = await app.RunAsync(args);
                Assert.Equal(ExitCodes.UsageError, result.ExitCode);
                Assert.Contains("is not a history database", result.Output, StringComparison.Ordinal);
            }

            Assert.Equal(content, await File.ReadAllTextAsync(fake));
        }

        Assert.Equal(ExitCodes.UsageError, (await app.RunAsync(["history", "--history", _dir])).ExitCode);
    }

    [Fact]
    public async Task Another_programs_sqlite_database_is_refused_and_left_unchanged()
    {
        var other = Path.Combine(_dir, "other.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE things (x TEXT)";
            create.ExecuteNonQuery();
        }

        var before = await File.ReadAllBytesAsync(other);
        var error = Assert.Throws<HistoryFileException>(() => HistoryStore.Open(other));

        Assert.Contains("not a harness history", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(other));
    }

    [Fact]
    public async Task The_output_folder_the_history_and_the_baseline_are_checked_before_any_load()
    {
        using var target = new TcpListener(IPAddress.Loopback, 0);
        target.Start();
        var scenario = Scenario($"http://127.0.0.1:{((IPEndPoint)target.LocalEndpoint).Port}/");
        var file = Path.Combine(_dir, "afile");
        var fake = Path.Combine(_dir, "fake.db");
        await File.WriteAllTextAsync(file, "x");
        await File.WriteAllTextAsync(fake, "x");
        var app = Tester();
        var cases = new (string[] Args, string Expected)[]
        {
            (["--out", file], $"{file}: --out: is a file, not a folder"),
            (["--out", Path.Combine(file, "sub")], $"--out: cannot be created: {file} is a file"),
            (["--out", Path.Combine(_dir, "out1"), "--history", fake], $"{fake}: --history: is not a history database"),
            (["--out", Path.Combine(_dir, "out2"), "--history", _dir], "--history: is a folder"),
            (["--out", Path.Combine(_dir, "out3"), "--baseline", "nosuch", "--fail-on-regression"], "--baseline: no baseline named 'nosuch'"),
        };

        foreach (var (flags, expected) in cases)
        {
            foreach (var dryRun in new[] { true, false })
            {
                string[] args = ["run", scenario, "--no-report", .. flags, .. dryRun ? new[] { "--dry-run" } : []];
                var result = await app.RunAsync(args);
                Assert.True(result.ExitCode == ExitCodes.UsageError, $"{string.Join(' ', args)}: exit {result.ExitCode}\n{result.Output}");
                Assert.Contains(expected, result.Output.ReplaceLineEndings(""), StringComparison.Ordinal);
            }
        }

        Assert.False(target.Pending(), "a load was started");
        Assert.False(Directory.Exists(Path.Combine(_dir, "out3")), "the dry run or the refused run created the output folder");
    }

    [Fact]
    public async Task A_baseline_that_exists_in_the_history_passes_the_check()
    {
        var history = Path.Combine(_dir, "history.db");
        using (var store = HistoryStore.Open(history))
        {
            store.Record(SyntheticRun("r1"));
            store.SetBaseline("main", "r1", DateTimeOffset.UnixEpoch);
        }

        var app = Tester();
        var scenario = Scenario("http://127.0.0.1:9/");

        Assert.Equal(0, (await app.RunAsync(["run", scenario, "--history", history, "--baseline", "main", "--dry-run"])).ExitCode);
        var missing = await app.RunAsync(["run", scenario, "--history", history, "--baseline", "nosuch", "--dry-run"]);
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("no baseline named 'nosuch' (harness baseline set nosuch RUN)", missing.Output.ReplaceLineEndings(""), StringComparison.Ordinal);
    }

    private static Harness.Results.RunSummary SyntheticRun(string id) => new()
    {
        RunId = id,
        StartedAt = DateTimeOffset.UnixEpoch,
        FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(1),
        Profile = "default",
        Target = new Harness.Results.TargetInfo { Name = "t", Kind = "url" },
        Environment = new Harness.Results.EnvironmentInfo(),
        Scenarios = [],
    };

    private string Scenario(string url)
    {
        var path = Path.Combine(_dir, "quick.yml");
        File.WriteAllText(path, $"name: quick\ntarget: {{url: \"{url}\"}}\nload: {{model: constant-arrival-rate, rate: 20, duration: 1s}}\n");
        return path;
    }

    private static CommandAppTester Tester()
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        return app;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
