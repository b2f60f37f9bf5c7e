using Harness.Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Harness;

/// <summary>
/// Scenario, target and policy files are one YAML document each. A second one after <c>---</c> was ignored without a
/// word, so a threshold or a policy rule written there never held; it is an error at the line it starts on.
/// </summary>
internal static class YamlDocuments
{
    /// <summary>The error for the first non-empty document after the first one, or null when there is none.</summary>
    public static Diagnostic? Extra(YamlStream stream, string file, string what)
    {
        var extra = stream.Documents.Skip(1).FirstOrDefault(d => d.RootNode is not YamlScalarNode { Value: null or "" });
        return extra is null
            ? null
            : new Diagnostic(file, (int)extra.RootNode.Start.Line, (int)extra.RootNode.Start.Column, "",
                $"a {what} is one YAML document; a second one starts here after '---' (put it in a file of its own)");
    }
}
