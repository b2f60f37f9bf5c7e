namespace Harness.History;

/// <summary>What a comparison concluded about one metric.</summary>
internal enum Verdict
{
    /// <summary>The confidence interval holds 1: no change the data can show.</summary>
    NoChange,
    /// <summary>Slower, but the whole interval stays within the tolerance (or straddles it).</summary>
    SlowerWithinTolerance,
    /// <summary>The whole interval is beyond the tolerance: a regression (exit 1).</summary>
    Regression,
    /// <summary>Faster with the whole interval below 1.</summary>
    Faster,
    /// <summary>Too few samples, or the metric is missing on one side.</summary>
    Inconclusive,
}
