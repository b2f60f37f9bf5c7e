using Harness.Node.Etcd;

namespace Harness.Core.Tests.Node;

public sealed class PrometheusTests
{
    private const string Histogram = """
        # HELP etcd_disk_wal_fsync_duration_seconds The latency distributions of fsync called by WAL.
        # TYPE etcd_disk_wal_fsync_duration_seconds histogram
        etcd_disk_wal_fsync_duration_seconds_bucket{le="0.001"} 10
        etcd_disk_wal_fsync_duration_seconds_bucket{le="0.002"} 60
        etcd_disk_wal_fsync_duration_seconds_bucket{le="0.004"} 90
        etcd_disk_wal_fsync_duration_seconds_bucket{le="0.008"} 100
        etcd_disk_wal_fsync_duration_seconds_bucket{le="+Inf"} 100
        etcd_disk_wal_fsync_duration_seconds_sum 0.2
        etcd_disk_wal_fsync_duration_seconds_count 100
        go_info{version="go1.19.8",note="a \"quoted\" \\ value"} 1
        """;

    [Fact]
    public void Parses_labels_escapes_and_special_values()
    {
        var samples = PrometheusText.Parse(Histogram + "\nup NaN\nx{le=\"+Inf\"} +Inf 1700000000000\n");
        var info = samples.Single(s => s.Name == "go_info");
        Assert.Equal("a \"quoted\" \\ value", info.Labels["note"]);
        Assert.True(double.IsNaN(samples.Single(s => s.Name == "up").Value));
        Assert.True(double.IsPositiveInfinity(samples.Single(s => s.Name == "x").Value));
    }

    [Theory]
    [InlineData(0.5, 0.0018)]   // rank 50 lies in (1 ms, 2 ms]: 1 + (50-10)/50 ms
    [InlineData(0.99, 0.0076)]  // rank 99 lies in (4 ms, 8 ms]: 4 + 9/10 × 4 ms
    [InlineData(0.05, 0.0005)]  // first bucket interpolates from 0
    public void Quantile_matches_histogram_quantile(double q, double expected)
    {
        var buckets = HistogramBuckets.From(PrometheusText.Parse(Histogram), "etcd_disk_wal_fsync_duration_seconds");
        Assert.Equal(expected, buckets.Quantile(q), 9);
    }

    [Fact]
    public void Rank_in_the_inf_bucket_returns_the_highest_finite_bound_and_empty_is_nan()
    {
        var buckets = new HistogramBuckets([(0.001, 1), (0.002, 2), (double.PositiveInfinity, 10)]);
        Assert.Equal(0.002, buckets.Quantile(0.99));
        Assert.True(double.IsNaN(new HistogramBuckets([(0.001, 0), (double.PositiveInfinity, 0)]).Quantile(0.99)));
    }

    [Fact]
    public void Difference_of_two_scrapes_is_the_load_in_between()
    {
        var before = new HistogramBuckets([(0.001, 5), (0.002, 5), (double.PositiveInfinity, 5)]);
        var after = new HistogramBuckets([(0.001, 5), (0.002, 15), (double.PositiveInfinity, 15)]);
        var delta = after.Minus(before);
        Assert.Equal(10, delta.Total);
        Assert.InRange(delta.Quantile(0.99), 0.001, 0.002);
    }

    [Fact]
    public void Bad_lines_name_their_line_number()
    {
        var ex = Assert.Throws<FormatException>(() => PrometheusText.Parse("ok 1\nbad{le=\"1\" 2\n"));
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }
}
