using System.Text;

namespace Harness.Reports.Tests;

/// <summary>Reads a binary greyscale PGM (P5) as written by pdftoppm -gray.</summary>
internal static class Pgm
{
    /// <summary>The share of pixels darker than near-white.</summary>
    public static double InkShare(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)bytes[pos]))
            {
                pos++;
            }

            var sb = new StringBuilder();
            while (!char.IsWhiteSpace((char)bytes[pos]))
            {
                sb.Append((char)bytes[pos++]);
            }

            return sb.ToString();
        }

        Assert.Equal("P5", Token());
        var width = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Token(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Token());
        pos++;
        var dark = 0;
        for (var i = pos; i < pos + width * height; i++)
        {
            if (bytes[i] < 200)
            {
                dark++;
            }
        }

        return (double)dark / (width * height);
    }
}
