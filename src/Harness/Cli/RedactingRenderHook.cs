using System.Runtime.CompilerServices;
using Harness.Results.Redaction;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Harness.Cli;

/// <summary>
/// The console's last line of defence: every segment a command writes passes through <see cref="SecretRedactor"/>, the
/// same redaction results.json, findings.json, the report and junit.xml get. Sources redact first (a table may wrap a
/// value across segments); this catches what a message, warning or error carries.
/// </summary>
internal sealed class RedactingRenderHook : IRenderHook
{
    private static readonly ConditionalWeakTable<IAnsiConsole, RedactingRenderHook> Attached = [];

    /// <summary>Attaches the hook once per console.</summary>
    public static void AttachTo(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        lock (Attached)
        {
            if (!Attached.TryGetValue(console, out _))
            {
                var hook = new RedactingRenderHook();
                Attached.Add(console, hook);
                console.Pipeline.Attach(hook);
            }
        }
    }

    public IEnumerable<IRenderable> Process(RenderOptions options, IEnumerable<IRenderable> renderables)
        => renderables.Select(r => (IRenderable)new Redacted(r));

    private sealed class Redacted(IRenderable inner) : IRenderable
    {
        public Measurement Measure(RenderOptions options, int maxWidth) => inner.Measure(options, maxWidth);

        public IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
            => inner.Render(options, maxWidth).Select(s => s.IsControlCode || s.IsLineBreak || s.IsWhiteSpace
                ? s
                : SecretRedactor.Redact(s.Text)! is var text && text != s.Text ? new Segment(text, s.Style) : s);
    }
}
