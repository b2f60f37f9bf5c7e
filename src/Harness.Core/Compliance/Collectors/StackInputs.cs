using Harness.Platform.Stack;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Compliance.Collectors;

/// <summary>Reads a stack file with the platform's parser (env substitution included) into the check's input.</summary>
internal static class StackInputs
{
    /// <summary>Throws <see cref="InvalidDataException"/> listing every error (file:line:col) when the stack is not valid.</summary>
    public static StackInput Read(string path)
    {
        var result = StackFileParser.FromProcessEnvironment().ParseFile(path);
        if (result.Stack is not { } stack)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, result.Errors.Select(e => e.ToString())));
        }

        return FromStack(stack, ReadOnlyFields(Harness.Platform.Files.UserFile.ReadAllText(path)));
    }

    public static StackInput FromStack(StackFile stack, IReadOnlyDictionary<string, bool> readOnlyFields)
        => new(stack.Path, stack.Provider.Gateway, stack.Functions
            .Select(f => new StackFunctionInput(f.Name, f.Deployment, $"{stack.Path}:{f.Position}",
                readOnlyFields.TryGetValue(f.Name, out var field) ? field : false, f.Lang))
            .ToList());

    /// <summary>Each function's literal readonly_root_filesystem (a function without the key maps to false).</summary>
    internal static IReadOnlyDictionary<string, bool> ReadOnlyFields(string yaml)
    {
        var fields = new Dictionary<string, bool>(StringComparer.Ordinal);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return fields; // the parser above already accepted the file; nothing more to learn here
        }

        if (stream.Documents.FirstOrDefault()?.RootNode is YamlMappingNode root
            && root.Children.TryGetValue(new YamlScalarNode("functions"), out var functions)
            && functions is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode { Value: { } name } && value is YamlMappingNode fn
                    && fn.Children.TryGetValue(new YamlScalarNode("readonly_root_filesystem"), out var ro)
                    && ro is YamlScalarNode { Value: { } text })
                {
                    fields[name] = bool.TryParse(text, out var b) && b;
                }
            }
        }

        return fields;
    }
}
