using System.Text;

namespace Harness.Reports.Content;

/// <summary>PDF destination names from titles: ASCII letters, digits and dashes, unique within a report.</summary>
internal sealed class Anchors
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public string For(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var baseName = sb.ToString().Trim('-');
        if (baseName.Length == 0)
        {
            baseName = "section";
        }

        var name = baseName;
        for (var i = 2; !_used.Add(name); i++)
        {
            name = $"{baseName}-{i}";
        }

        return name;
    }
}
