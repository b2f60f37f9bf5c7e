namespace Harness.Reports.Tests;

/// <summary>A fact that is skipped, with the reason shown, when poppler-utils (pdftotext, pdfinfo, pdftoppm) is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PopplerFactAttribute : FactAttribute
{
    public PopplerFactAttribute()
    {
        if (!Poppler.Available)
        {
            Skip = "poppler-utils is not installed (pdftotext/pdfinfo/pdftoppm not on PATH); install it with ./build.sh setup";
        }
    }
}
