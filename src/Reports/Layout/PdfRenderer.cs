using System.Globalization;
using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>Second pass: draws laid-out pages with the running header and footer through SkiaSharp's PDF/A backend.</summary>
internal static class PdfRenderer
{
    public static void Render(LaidOutDocument document, FontCache fonts, Stream output)
    {
        var source = document.Source;
        var metadata = new SKDocumentPdfMetadata
        {
            Title = source.Title,
            Author = source.Author,
            Subject = source.Subject,
            Keywords = source.Keywords,
            Creator = "Harness",
            Producer = "Harness report (SkiaSharp PDF)",
            Creation = source.Created.UtcDateTime,
            Modified = source.Created.UtcDateTime,
            RasterDpi = SKDocument.DefaultRasterDpi,
            EncodingQuality = 101,
            PdfA = true,
        };

        using var buffer = new MemoryStream();
        using (var pdf = SKDocument.CreatePdf(buffer, metadata) ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document"))
        {
            for (var i = 0; i < document.Pages.Count; i++)
            {
                var page = document.Pages[i];
                var context = new DrawContext(fonts, document.AnchorPages, document.Pages.Count, i + 1);
                var canvas = pdf.BeginPage(Theme.PageWidth, Theme.PageHeight);
                Chrome(canvas, source, page, context);
                foreach (var item in page.Items)
                {
                    item.Draw(canvas, context);
                }

                pdf.EndPage();
            }

            pdf.Close();
        }

        var bytes = PdfOutlineWriter.AddOutline(buffer.ToArray(), document.Outline);
        output.Write(bytes);
    }

    private static void Chrome(SKCanvas canvas, Model.ReportDocument source, LaidOutPage page, DrawContext context)
    {
        using var paint = new SKPaint { Color = Theme.Muted, IsAntialias = true };
        using var rule = new SKPaint { Color = Theme.Rule, StrokeWidth = 0.6f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        var font = context.Fonts.Get(false, 7.5f);
        if (!page.IsCover)
        {
            const float y = Theme.MarginTop - 24;
            canvas.DrawText(source.Title, Theme.ContentLeft, y, SKTextAlign.Left, context.Fonts.Get(true, 7.5f), paint);
            canvas.DrawText(source.HeaderRight, Theme.ContentRight, y, SKTextAlign.Right, font, paint);
            canvas.DrawLine(Theme.ContentLeft, y + 6, Theme.ContentRight, y + 6, rule);
        }

        var fy = Theme.PageHeight - Theme.MarginBottom + 30;
        canvas.DrawLine(Theme.ContentLeft, fy - 12, Theme.ContentRight, fy - 12, rule);
        canvas.DrawText(source.FooterLeft, Theme.ContentLeft, fy, SKTextAlign.Left, font, paint);
        var number = string.Create(CultureInfo.InvariantCulture, $"Page {context.PageNumber} of {context.PageCount}");
        canvas.DrawText(number, Theme.ContentRight, fy, SKTextAlign.Right, context.Fonts.Get(true, 7.5f), paint);
    }
}
