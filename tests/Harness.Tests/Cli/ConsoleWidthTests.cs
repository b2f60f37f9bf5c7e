using Harness.Cli;
using Spectre.Console.Testing;

namespace Harness.Tests.Cli;

public sealed class ConsoleWidthTests
{
    [Theory]
    [InlineData(null, ConsoleWidth.Redirected)]
    [InlineData("", ConsoleWidth.Redirected)]
    [InlineData("abc", ConsoleWidth.Redirected)]
    [InlineData("10", ConsoleWidth.Redirected)]
    [InlineData("132", 132)]
    public void Redirected_output_uses_COLUMNS_or_a_width_that_does_not_wrap(string? columns, int expected)
        => Assert.Equal(expected, ConsoleWidth.For(columns));

    [Theory]
    [InlineData(true, 132)]
    [InlineData(false, 57)]
    public void The_width_comes_from_the_commands_environment_not_the_process(bool redirected, int expected)
    {
        var console = new TestConsole().Width(57);
        ConsoleWidth.ApplyTo(console, Environment(redirected, new Dictionary<string, string> { ["COLUMNS"] = "132" }));
        Assert.Equal(expected, console.Profile.Width);
    }

    private static CliEnvironment Environment(bool redirected, IReadOnlyDictionary<string, string> variables) => new()
    {
        Variables = variables,
        HomeDirectory = "/nonexistent",
        CurrentDirectory = "/nonexistent",
        OpenStandardInput = () => Stream.Null,
        StandardOutput = Stream.Null,
        StandardError = TextWriter.Null,
        OutputRedirected = redirected,
    };
}
