using Harness.Reports.Model;

namespace Harness.Reports.Content;

/// <summary>A provider's monthly cost in USD as a function of requests per month, with the list prices' sources.</summary>
internal sealed record CostCurve(string Name, Func<double, double> MonthlyUsd, IReadOnlyList<SourceRef> Sources)
{
    /// <summary>The smallest monthly request count whose cost reaches <paramref name="flatUsd"/>, or null above 10^12.</summary>
    public double? Crossover(double flatUsd)
    {
        double lo = 1, hi = 1e12;
        if (MonthlyUsd(hi) < flatUsd)
        {
            return null;
        }

        if (MonthlyUsd(lo) >= flatUsd)
        {
            return lo;
        }

        // Costs never fall as requests grow, so bisection in log space finds the first crossing.
        for (var i = 0; i < 100; i++)
        {
            var mid = Math.Sqrt(lo * hi);
            if (MonthlyUsd(mid) >= flatUsd)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return hi;
    }
}
