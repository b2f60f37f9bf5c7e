namespace Harness.Reports.Model;

/// <summary>A large verdict badge (PASSED, FAILED…) with a sentence beside it.</summary>
internal sealed record VerdictBanner(string Verdict, Tone Tone, string Text) : Block;
