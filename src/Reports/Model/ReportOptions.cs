namespace Harness.Reports.Model;

/// <summary>Options for <see cref="ReportGenerator"/> and <see cref="MarkdownSummary"/>; the defaults suit <c>harness run</c>.</summary>
public sealed record ReportOptions
{
    /// <summary>A user's own copy of the public-cloud dataset (YAML, same schema); null uses the built-in copy.</summary>
    public string? DatasetPath { get; init; }
    /// <summary>Directory holding DejaVuSans.ttf and DejaVuSans-Bold.ttf; null uses HARNESS_FONT_DIR or /usr/share/fonts/truetype/dejavu.</summary>
    public string? FontDirectory { get; init; }
    /// <summary>Report title; defaults to "Harness report: TARGET".</summary>
    public string? Title { get; init; }
    /// <summary>Function memory assumed in the cost comparison (MB).</summary>
    public int CostMemoryMb { get; init; } = 128;
    /// <summary>Billed duration per request in the cost comparison (ms); null takes the measured mean service time, or 100 ms if none.</summary>
    public double? CostDurationMs { get; init; }
    /// <summary>The last runs' key metrics from the history (including this run); empty leaves the trends page out.</summary>
    public IReadOnlyList<TrendPoint> Trends { get; init; } = [];
    /// <summary>Verdicts against the baseline run and its id; empty leaves the section out of summary.md.</summary>
    public IReadOnlyList<RegressionVerdict> Regressions { get; init; } = [];
    /// <summary>The run <see cref="Regressions"/> were compared with, named in the section's heading; null leaves it unnamed.</summary>
    public string? BaselineRunId { get; init; }

    /// <summary>Every problem with these options, not just the first.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (DatasetPath is not null && Harness.Platform.Files.UserFile.Problem(DatasetPath) is { } problem)
        {
            errors.Add($"--dataset: {DatasetPath} {problem}");
        }
        else if (DatasetPath is not null && !File.Exists(DatasetPath))
        {
            errors.Add($"--dataset: file not found: {DatasetPath}");
        }

        if (FontDirectory is not null && !Directory.Exists(FontDirectory))
        {
            errors.Add($"--font-dir: directory not found: {FontDirectory}");
        }

        if (CostMemoryMb is < 128 or > 10_240)
        {
            errors.Add($"cost memory {CostMemoryMb} MB is outside 128..10240 MB");
        }

        if (CostDurationMs is { } d && (d <= 0 || !double.IsFinite(d)))
        {
            errors.Add($"cost duration {d} ms must be a positive number");
        }

        return errors;
    }
}
