using System.Collections.Concurrent;
using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>The one font family of every report, loaded by file path so the output is the same on every machine.</summary>
internal sealed class FontSet
{
    public const string Family = "DejaVu Sans";
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";
    public const string DirectoryVariable = "HARNESS_FONT_DIR";

    private static readonly ConcurrentDictionary<string, FontSet> Loaded = new(StringComparer.Ordinal);

    private FontSet(SKTypeface regular, SKTypeface bold)
    {
        Regular = regular;
        Bold = bold;
    }

    public SKTypeface Regular { get; }
    public SKTypeface Bold { get; }

    /// <summary>Loads (once per process) DejaVu Sans from <paramref name="directory"/>, HARNESS_FONT_DIR or the Debian path.</summary>
    public static FontSet Load(string? directory = null)
    {
        // FontSet owns where the report font lives: every caller (report, bench report, the tests) gets the same
        // HARNESS_FONT_DIR fallback without each reading the environment itself.
#pragma warning disable RS0030 // the one environment read of Harness.Reports
        var dir = directory ?? Environment.GetEnvironmentVariable(DirectoryVariable) ?? DefaultDirectory;
#pragma warning restore RS0030
        return Loaded.GetOrAdd(Path.GetFullPath(dir), static d => new FontSet(Open(d, "DejaVuSans.ttf"), Open(d, "DejaVuSans-Bold.ttf")));
    }

    private static SKTypeface Open(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The report font {Family} was not found at {path}. Install the Debian package fonts-dejavu-core " +
                $"(./build.sh setup does), or point {DirectoryVariable} (or --font-dir) at a directory holding DejaVuSans.ttf and DejaVuSans-Bold.ttf.",
                path);
        }

        return SKTypeface.FromFile(path) ?? throw new InvalidDataException($"{path}: not a font Skia can read");
    }
}
