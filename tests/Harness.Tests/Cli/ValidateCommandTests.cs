using Harness.Cli;
using Harness.Cli.App;
using Spectre.Console.Cli.Testing;

namespace Harness.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-validate-").FullName;

    public ValidateCommandTests() => Directory.CreateDirectory(Path.Combine(_dir, "fn"));

    [Fact]
    public void A_valid_stack_lists_its_functions_and_warnings_and_exits_0()
    {
        var path = Write("stack.yml", """
            provider: {name: openfaas}
            functions:
              pay:
                lang: python3
                handler: ./fn
                image: me/pay:0.1
                limits_memory: 128m
            """);

        var result = Run("validate", "-f", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("pay", result.Output, StringComparison.Ordinal);
        Assert.Contains("me/pay:0.1", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{path}:7:5: functions.pay.limits_memory: unknown key 'limits_memory' is ignored; did you mean 'limits: {{memory: 128m}}'?",
            result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_stack_prints_every_error_with_its_position_and_exits_2()
    {
        var path = Write("bad.yml", """
            provider: {name: faas}
            functions:
              pay:
                lang: node12
                handler: ./fn
                image: me/pay
                limits: {memory: lots}
            """);

        var result = Run("validate", "-f", path);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{path}:1:18: provider.name: expected 'openfaas'", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{path}:4:11: functions.pay.lang: unknown lang 'node12'", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{path}:7:22: functions.pay.limits.memory: invalid quantity 'lots'", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_stack_file_exits_2()
    {
        var result = Run("validate", "-f", Path.Combine(_dir, "none.yml"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("cannot read the stack file", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static CommandAppResult Run(params string[] args)
    {
        var app = new CommandAppTester();
        app.Configure(HarnessApp.Configure);
        return app.Run(args);
    }
}
