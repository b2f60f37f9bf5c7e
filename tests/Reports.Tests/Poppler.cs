using System.Diagnostics;

namespace Harness.Reports.Tests;

/// <summary>Runs poppler's command-line tools on a PDF and returns what they print.</summary>
internal static class Poppler
{
    public static bool Available { get; } = new[] { "pdftotext", "pdfinfo", "pdftoppm" }.All(OnPath);

    public static string Text(string pdf, int? first = null, int? last = null)
    {
        var args = new List<string> { "-layout" };
        if (first is { } f)
        {
            args.AddRange(["-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (last is { } l)
        {
            args.AddRange(["-l", l.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.AddRange([pdf, "-"]);
        return Run("pdftotext", args).Stdout;
    }

    /// <summary>The text of each page, split on the form feeds pdftotext writes between pages.</summary>
    public static IReadOnlyList<string> Pages(string pdf) => Text(pdf).Split('\f').SkipLast(1).ToList();

    public static (string Stdout, string Stderr) Info(string pdf, params string[] flags) => Run("pdfinfo", [.. flags, pdf]);

    /// <summary>Renders pages to 8-bit greyscale PGM files and returns their paths.</summary>
    public static IReadOnlyList<string> RenderGray(string pdf, string directory, int dpi, int first, int last)
    {
        var prefix = Path.Combine(directory, "page");
        Run("pdftoppm", ["-gray", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", first.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", last.ToString(System.Globalization.CultureInfo.InvariantCulture), pdf, prefix]);
        return Directory.GetFiles(directory, "page*.pgm").Order(StringComparer.Ordinal).ToList();
    }

    private static (string Stdout, string Stderr) Run(string tool, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 60 s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', psi.ArgumentList)} exited {p.ExitCode}: {stderr.Result}");
        }

        return (stdout, stderr.Result);
    }

    private static bool OnPath(string tool)
        => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, tool)));
}
