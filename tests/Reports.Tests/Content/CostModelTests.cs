using Harness.Reports.Bench;
using Harness.Reports.Content;
using Harness.Reports.Dataset;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Content;

public sealed class CostModelTests
{
    private static ReportContext Context(ReferenceDataset? data = null)
        => new(SampleRun.Rich(), new ReportOptions(), data ?? ReferenceDataset.Load());

    [Fact]
    public void Lambda_follows_the_crossover_formula_and_its_free_tier()
    {
        var lambda = CostModel.Curves(Context(), 128, 100).Single(c => c.Name.StartsWith("AWS Lambda", StringComparison.Ordinal));

        // 128 MB at 100 ms is 0.0125 GB-s a request: the free 400k GB-s cover 32M requests, then ≈ $0.408 per 1M.
        Assert.Equal(0, lambda.MonthlyUsd(1e6), 6);
        Assert.Equal(31 * 0.2, lambda.MonthlyUsd(32e6), 6);
        Assert.Equal(0.408, lambda.MonthlyUsd(101e6) - lambda.MonthlyUsd(100e6), 3);
    }

    [Fact]
    public void The_crossover_is_the_first_request_count_that_costs_the_flat_price()
    {
        var lambda = CostModel.Curves(Context(), 128, 100).Single(c => c.Name.StartsWith("AWS Lambda", StringComparison.Ordinal));

        var n = lambda.Crossover(7.139)!.Value;

        // 0.2·(N − 1M)/1M + (0.0125·N − 400k)·0.0000166667 = 7.139  →  N ≈ 34.30M
        Assert.Equal(34.30e6, n, 0.01e6);
        Assert.True(lambda.MonthlyUsd(n * 0.999) < 7.139);
        Assert.Null(lambda.Crossover(1e12));
    }

    [Fact]
    public void Azure_bills_at_least_100_ms_and_workers_start_at_the_plan_minimum()
    {
        var curves = CostModel.Curves(Context(), 128, 2);
        var azure = curves.Single(c => c.Name.StartsWith("Azure", StringComparison.Ordinal));
        var workers = curves.Single(c => c.Name.StartsWith("Cloudflare", StringComparison.Ordinal));

        Assert.Equal(CostModel.Curves(Context(), 128, 100).Single(c => c.Name.StartsWith("Azure", StringComparison.Ordinal)).MonthlyUsd(1e9), azure.MonthlyUsd(1e9), 6);
        Assert.Equal(5.0, workers.MonthlyUsd(1000), 6);
        Assert.Equal(4, curves.Count);
    }

    [Fact]
    public void A_user_dataset_with_other_prices_changes_the_curve()
    {
        var yaml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "public-cloud-faas.yml"))
            .Replace("- id: aws_lambda.price.requests\n  provider: aws_lambda\n  metric: price_per_million_requests\n  value: 0.2", "- id: aws_lambda.price.requests\n  provider: aws_lambda\n  metric: price_per_million_requests\n  value: 0.4", StringComparison.Ordinal);
        var mine = ReferenceDataset.Parse(yaml, "mine.yml");

        var lambda = CostModel.Curves(Context(mine), 128, 100).Single(c => c.Name.StartsWith("AWS Lambda", StringComparison.Ordinal));

        Assert.Equal(31 * 0.4, lambda.MonthlyUsd(32e6), 6);
    }
}
