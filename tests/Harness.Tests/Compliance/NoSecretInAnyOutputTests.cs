using System.Diagnostics;
using Harness.Cli;
using Harness.Cli.App;
using Harness.Core.Tests.Compliance;
using Harness.Platform.Watchdog;
using Spectre.Console.Cli.Testing;
using Xunit.Abstractions;
using static Harness.Core.Tests.Compliance.ComplianceFixtures;

namespace Harness.Tests.Compliance;

/// <summary>
/// Canary values planted in a stack, an environment file, a target and a policy appear in no output of
/// <c>harness run</c> (results.json, junit.xml, report.pdf through pdftotext, summary.md, findings, the console) or
/// <c>harness check residency</c>; the hosts an auditor needs are still there.
/// </summary>
public sealed class NoSecretInAnyOutputTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Canaries = ["CanaryStackPw7q", "CanaryEnvFile3x", "CanaryQuery9z", "CanaryTarget5k", "CanaryPolicy2m", "CanaryBadEnv8w"];

    private readonly string _dir = Directory.CreateTempSubdirectory("harness-canary-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Harness_run_and_check_residency_write_no_canary_anywhere()
    {
        if (!WatchdogLocator.TryFind(out _))
        {
            output.WriteLine("skipped: no watchdog binary (run ./build.sh or build src/Platform.Watchdog)");
            return;
        }

        Write("secrets.env", "environment:\n  DB_PASSWORD: CanaryEnvFile3x\n  LEDGER_URL: https://ledger:CanaryEnvFile3x@ledger.example.no/api\n");
        Write("stack.yml", """
            version: 1.0
            provider: {name: openfaas, gateway: http://127.0.0.1:8080}
            functions:
              echo-cat:
                image: registry.example.no/echo-cat:1
                fprocess: cat
                limits: {memory: 64Mi}
                readonly_root_filesystem: true
                environment:
                  DATABASE_URL: postgres://admin:CanaryStackPw7q@db.example.no/app
                  CALLBACK: https://hooks.example.no/cb?token=CanaryQuery9z
                  exec_timeout: 10s
                environment_file: [secrets.env]
            """);
        var policy = File.ReadAllText(RepoFile("scenarios/policies/norway.yml"))
            .Replace("description: ", "description: Owner https://dpo:CanaryPolicy2m@dpo.example.no/ - ", StringComparison.Ordinal);
        Write("policy.yml", policy);
        Write("target.yml", $"name: canary\nkind: embedded\nstack: stack.yml\nstateDirectory: {Path.Combine(_dir, "state")}\nlocation: \"NO / Oslo https://dc:CanaryTarget5k@dc.example.no/\"\npolicy: policy.yml\n");
        Write("quick.yml", "name: quick\ntarget: {function: echo-cat, method: POST, body: \"hi\"}\nload: {model: constant-arrival-rate, rate: 5, duration: 1s}\n");
        var runOut = Path.Combine(_dir, "run-out");
        var checkOut = Path.Combine(_dir, "check-out");

        var run = await RunAsync("run", Path.Combine(_dir, "quick.yml"), "--target", Path.Combine(_dir, "target.yml"), "--out", runOut, "--no-history");
        var check = await RunAsync("check", "residency", "--policy", Path.Combine(_dir, "policy.yml"), "-f", Path.Combine(_dir, "stack.yml"),
            "--target", Path.Combine(_dir, "target.yml"), "--out", checkOut);

        output.WriteLine(run.Output);
        Assert.True(File.Exists(Path.Combine(runOut, "report.pdf")), run.Output);
        var texts = new Dictionary<string, string> { ["run console"] = run.Output, ["check console"] = check.Output };
        foreach (var file in Directory.GetFiles(runOut).Concat(Directory.GetFiles(checkOut)))
        {
            texts[file] = file.EndsWith(".pdf", StringComparison.Ordinal) ? PdfText(file) : File.ReadAllText(file);
        }

        Assert.Contains(Path.Combine(runOut, "results.json"), texts.Keys);
        Assert.Contains(Path.Combine(runOut, "junit.xml"), texts.Keys);
        Assert.Contains(Path.Combine(runOut, "summary.md"), texts.Keys);
        Assert.Contains(Path.Combine(checkOut, "findings.json"), texts.Keys);
        foreach (var (name, text) in texts)
        {
            foreach (var canary in Canaries)
            {
                Assert.False(text.Contains(canary, StringComparison.Ordinal), $"{canary} appears in {name}");
            }
        }

        // What an auditor needs stays: the host the function talks to, and that a credential was there.
        Assert.Contains("db.example.no", texts[Path.Combine(runOut, "results.json")], StringComparison.Ordinal);
        Assert.Contains("[REDACTED]", texts[Path.Combine(runOut, "results.json")], StringComparison.Ordinal);
        Assert.Contains("db.example.no", texts[Path.Combine(checkOut, "findings.json")], StringComparison.Ordinal);
        Assert.Contains("db.example.no", texts[Path.Combine(runOut, "report.pdf")], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_file_that_does_not_parse_is_not_echoed_in_the_error()
    {
        Write("bad.env", "DB_PASSWORD=CanaryBadEnv8w\n");
        Write("stack.yml", "version: 1.0\nprovider: {name: openfaas}\nfunctions:\n  fn:\n    image: registry.example.no/fn:1\n    fprocess: cat\n    environment_file: [bad.env]\n");

        var check = await RunAsync("check", "residency", "--policy", RepoFile("scenarios/policies/norway.yml"), "-f", Path.Combine(_dir, "stack.yml"), "--out", Path.Combine(_dir, "o"));
        var validate = await RunAsync("validate", "-f", Path.Combine(_dir, "stack.yml"));

        Assert.Equal(ExitCodes.UsageError, check.ExitCode);
        Assert.Contains("bad.env:1:1", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CanaryBadEnv8w", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CanaryBadEnv8w", validate.Output, StringComparison.Ordinal);
    }

    private static async Task<CommandAppResult> RunAsync(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        return await app.RunAsync(args);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);

    private static string PdfText(string pdf)
    {
        var psi = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { pdf, "-" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("pdftotext (poppler-utils) is not installed");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        // pdftotext breaks lines where the layout did; the canary check must see a value split across lines too.
        return text + "\n" + text.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
    }
}
