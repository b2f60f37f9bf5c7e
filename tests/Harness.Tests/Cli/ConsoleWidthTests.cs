using Harness.Cli;

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
}
