using Harness.Statistics;

namespace Harness.Core.Tests.Statistics;

public sealed class MedianIntervalTests
{
    [Theory]
    // The sign-test interval's order statistics, as tables of the binomial give them.
    [InlineData(6, 1, 6, 0.96875)]
    [InlineData(25, 8, 18, 0.95671)]
    [InlineData(100, 40, 61, 0.96480)]
    public void Takes_the_order_statistics_of_the_binomial_table(int n, int low, int high, double coverage)
    {
        // Shuffled, so that the interval comes from the sorted values and not from the input's order.
        var values = Enumerable.Range(1, n).Select(i => (double)i).OrderBy(i => (i * 37) % n).ToArray();
        var interval = MedianInterval.Of(values);
        Assert.Equal((low, high), (interval.Low, interval.High));
        Assert.Equal(coverage, interval.Confidence, 4);
        Assert.Equal((n + 1) / 2.0, interval.Median);
    }

    [Fact]
    public void Too_few_values_give_the_whole_range_and_say_what_it_covers()
    {
        var interval = MedianInterval.Of([3, 1, 5, 2, 4]);
        Assert.Equal((1, 5), (interval.Low, interval.High));
        Assert.Equal(0.9375, interval.Confidence, 6);
    }

    [Fact]
    public void No_values_have_no_interval() => Assert.True(double.IsNaN(MedianInterval.Of([]).Median));
}
