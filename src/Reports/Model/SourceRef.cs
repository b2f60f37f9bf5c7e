namespace Harness.Reports.Model;

/// <summary>Where an external figure comes from; printed as a numbered footnote on the page that uses it.</summary>
internal sealed record SourceRef(string Title, string? Url = null, string? Published = null, string? Retrieved = null)
{
    /// <summary>The footnote line: title, address and dates.</summary>
    public string Display
    {
        get
        {
            var text = Title;
            if (!string.IsNullOrWhiteSpace(Url))
            {
                text += ". " + Url;
            }

            var dates = new List<string>(2);
            if (!string.IsNullOrWhiteSpace(Published))
            {
                dates.Add("published " + Published);
            }

            if (!string.IsNullOrWhiteSpace(Retrieved))
            {
                dates.Add("retrieved " + Retrieved);
            }

            return dates.Count == 0 ? text : $"{text} ({string.Join("; ", dates)})";
        }
    }
}
