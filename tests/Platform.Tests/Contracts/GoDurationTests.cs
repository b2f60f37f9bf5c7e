using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Contracts;

/// <summary>
/// The one duration parser (Platform compiles it; the watchdog and Harness.Load link the same file). The cases are the
/// union of what the three earlier copies accepted, and Go's <c>time.ParseDuration</c> where they disagreed.
/// </summary>
public sealed class GoDurationTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("0", 0)]
    [InlineData(" 45 ", 45_000)]
    [InlineData("3000000000", 3e12)]
    [InlineData("1500ms", 1_500)]
    [InlineData("500ms", 500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("250us", 0.25)]
    [InlineData("250µs", 0.25)]
    [InlineData("250μs", 0.25)]
    [InlineData("1500000ns", 1.5)]
    [InlineData(".5s", 500)]
    [InlineData("1.s", 1_000)]
    [InlineData("0s", 0)]
    [InlineData("+2s", 2_000)]
    [InlineData("-1.5s", -1_500)]
    [InlineData("-0", 0)]
    [InlineData("1h1m1s1ms1us", 3_661_001.001)]
    public void Reads_bare_seconds_and_go_durations(string text, double expectedMs)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(expectedMs, value.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("10x")]
    [InlineData("ms")]
    [InlineData("1.2.3s")]
    [InlineData("-5")]
    [InlineData(".s")]
    [InlineData("-")]
    [InlineData("1m 30s")]
    [InlineData("1S")]
    [InlineData("5 s")]
    [InlineData("9223372037")]
    [InlineData("3000000h")]
    [InlineData("99999999999999999999s")]
    public void Rejects_what_is_not_a_duration(string? text) => Assert.False(GoDuration.TryParse(text, out _));

    [Fact]
    public void Fractions_keep_every_tick_and_drop_only_what_is_below_one()
    {
        Assert.True(GoDuration.TryParse("0.1234567s", out var value));
        Assert.Equal(1_234_567, value.Ticks);
        Assert.True(GoDuration.TryParse("150ns", out var truncated));
        Assert.Equal(1, truncated.Ticks);
    }

    [Fact]
    public void The_largest_go_duration_fits_and_one_more_nanosecond_does_not()
    {
        Assert.True(GoDuration.TryParse("9223372036854775807ns", out var max));
        Assert.Equal(long.MaxValue / 100, max.Ticks);
        Assert.False(GoDuration.TryParse("9223372036854775808ns", out _));
        Assert.True(GoDuration.TryParse("-9223372036854775808ns", out var min));
        Assert.Equal(-(long.MaxValue / 100), min.Ticks);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("15")]
    public void Go_grammar_alone_wants_a_unit(string text) => Assert.False(GoDuration.TryParseGo(text, out _));

    [Fact]
    public void Go_grammar_alone_still_takes_zero() => Assert.True(GoDuration.TryParseGo("0", out _));

    [Theory]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData(null)]
    public void A_bad_value_falls_back_as_openfaas_does(string? text) =>
        Assert.Equal(TimeSpan.FromSeconds(60), GoDuration.ParseOr(text, TimeSpan.FromSeconds(60)));
}
