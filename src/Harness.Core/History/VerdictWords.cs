namespace Harness.History;

/// <summary>How verdicts read in tables, summary.md and junit.xml.</summary>
internal static class VerdictWords
{
    public static string Word(this Verdict v) => v switch
    {
        Verdict.NoChange => "no change",
        Verdict.SlowerWithinTolerance => "slower, within tolerance",
        Verdict.Regression => "REGRESSION",
        Verdict.Faster => "faster",
        _ => "inconclusive",
    };
}
