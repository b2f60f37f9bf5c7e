using Harness.Statistics;

namespace Harness.Core.Tests.Statistics;

public sealed class SampleMedianTests
{
    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 7 }, 7)]
    public void Takes_the_middle_or_the_mean_of_the_two_middle_values(double[] values, double expected)
        => Assert.Equal(expected, SampleMedian.Of(values));

    [Fact]
    public void An_empty_set_has_no_median() => Assert.True(double.IsNaN(SampleMedian.Of([])));
}
