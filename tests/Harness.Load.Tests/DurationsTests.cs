namespace Harness.Load.Tests;

/// <summary>k6 durations: the shared Go parser (tested in Platform.Tests) with k6's leniency and no negative or unitless parts.</summary>
public sealed class DurationsTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1m 30s", 90_000)]
    [InlineData(" 12s ", 12_000)]
    [InlineData("250µs", 0.25)]
    [InlineData("0", 0)]
    public void Reads_go_durations_whose_parts_may_stand_apart(string text, double ms)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(ms, value.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("-1s")]
    [InlineData("1m -30s")]
    [InlineData("1 m")]
    [InlineData("")]
    public void Rejects_bare_numbers_and_negative_parts(string text) => Assert.False(Durations.TryParse(text, out _));

    [Theory]
    [InlineData("250us")]
    [InlineData("500ms")]
    [InlineData("1.5s")]
    [InlineData("2m")]
    [InlineData("2h")]
    public void Reads_back_what_it_prints(string text)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.True(Durations.TryParse(Durations.Format(value), out var again));
        Assert.Equal(value, again);
    }
}
