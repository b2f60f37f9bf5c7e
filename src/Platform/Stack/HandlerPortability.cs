using System.Text.RegularExpressions;
using Harness.Platform.Contracts;
using Harness.Platform.Templates;

namespace Harness.Platform.Stack;

/// <summary>
/// Portability findings in a handler's source: where the code relies on something Harness does and upstream OpenFaaS
/// does not. A classic python3 handler that returns a dict with <c>statusCode</c> gets that status here, but upstream's
/// template prints the return value, so real OpenFaaS answers 200 with the dict's Python repr.
/// </summary>
public static partial class HandlerPortability
{
    /// <summary>What every portability warning starts with, so commands that print only these can find them.</summary>
    public const string Prefix = "portability: ";

    private const string StatusCodeMessage = Prefix +
        "this {0} handler returns a dict with statusCode: upstream OpenFaaS answers 200 with the dict's repr (its template prints the return value); use python3-http for status codes, or set environment template_compat: openfaas to see upstream's answer here";

    /// <summary>Warns at every <c>statusCode</c> dict key in the handler folder's Python files (its own files, not installed packages).</summary>
    public static IEnumerable<Diagnostic> Check(string? lang, string? handlerPath, IReadOnlyDictionary<string, string>? environment, string field)
    {
        if (!TemplateCatalog.IsClassicPython(lang) || handlerPath is null || !Directory.Exists(handlerPath) || TemplateCompat.IsOpenFaas(environment))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(handlerPath, "*.py", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(handlerPath, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') || part is "python" or "__pycache__" or "build" or "venv"))
            {
                continue;
            }

            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                var code = line.Split('#', 2)[0];
                var match = StatusCodeKey().Match(code);
                if (match.Success)
                {
                    yield return new Diagnostic(file, number, match.Index + 1, field, string.Format(System.Globalization.CultureInfo.InvariantCulture, StatusCodeMessage, lang), DiagnosticSeverity.Warning);
                }
            }
        }
    }

    // A dict literal key ("statusCode": / 'statusCode':) or a dict(statusCode=...) keyword.
    [GeneratedRegex("""["']statusCode["']\s*:|\bstatusCode\s*=(?!=)""")]
    private static partial Regex StatusCodeKey();
}
