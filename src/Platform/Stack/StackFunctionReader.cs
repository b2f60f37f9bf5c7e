using Harness.Platform.Contracts;
using Harness.Platform.Templates;

namespace Harness.Platform.Stack;

/// <summary>Reads one entry under <c>functions:</c> and maps it to a <see cref="FunctionDeployment"/>.</summary>
internal sealed class StackFunctionReader(StackReadContext context, YamlScalar nameNode, YamlNode node)
{
    private static readonly string[] FunctionKeys =
    [
        "lang", "handler", "image", "fprocess", "namespace", "environment", "environment_file", "secrets", "labels",
        "annotations", "limits", "requests", "constraints", "readonly_root_filesystem",
        // faas-cli build keys: accepted, and only skip_build and build_args are used.
        "skip_build", "build_args", "build_options", "build_secrets", "platforms",
    ];

    private static readonly string[] ResourceKeys = ["memory", "cpu"];

    private readonly string _name = nameNode.Value;
    private readonly string _prefix = $"functions.{nameNode.Value}";

    public StackFunction? Read()
    {
        if (!DnsName.IsLabel(_name))
        {
            context.Error(nameNode, _prefix, _name.Length > DnsName.MaxLabelLength
                ? $"invalid function name: {_name.Length} characters, at most {DnsName.MaxLabelLength} allowed"
                : "invalid function name: expected a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)");
        }

        if (context.ExpectMapping(node, _prefix) is not { } mapping)
        {
            return null;
        }

        context.WarnUnknownKeys(mapping, _prefix, FunctionKeys);

        var skipBuild = Optional(mapping, "skip_build", context.ReadBoolean) ?? false;
        var lang = ReadLang(mapping, skipBuild);
        var (handler, handlerPath) = ReadHandler(mapping, lang, skipBuild);
        var image = ReadImage(mapping);
        var fprocess = Optional(mapping, "fprocess", context.ReadString);
        var ns = ReadNamespace(mapping);
        var environment = ReadEnvironment(mapping);
        if (!skipBuild)
        {
            context.Diagnostics.AddRange(HandlerPortability.Check(lang, handlerPath, environment, Field("handler")));
        }

        if (TemplateCompat.Validate(environment) is { } compatError && (mapping["environment"] ?? nameNode) is { } envNode)
        {
            context.Error(envNode, Field("environment"), compatError.Replace("environment." + TemplateCompat.Variable + ": ", TemplateCompat.Variable + ": ", StringComparison.Ordinal));
        }
        var secrets = ReadSecrets(mapping);
        var labels = Optional(mapping, "labels", context.ReadStringMap);
        CheckScalingLabels(mapping, labels);
        var annotations = Optional(mapping, "annotations", context.ReadStringMap);
        var limits = ReadResources(mapping, "limits");
        var requests = ReadResources(mapping, "requests");
        var constraints = Optional(mapping, "constraints", context.ReadStringList);
        var readOnly = ReadReadOnly(mapping, annotations);
        var buildArgs = Optional(mapping, "build_args", context.ReadStringMap);
        _ = Optional(mapping, "build_options", context.ReadStringList);
        _ = Optional(mapping, "build_secrets", context.ReadStringMap);
        _ = Optional(mapping, "platforms", context.ReadString);

        if (image is null)
        {
            return null;
        }

        return new StackFunction
        {
            Name = _name,
            Lang = lang,
            Handler = handler,
            HandlerPath = handlerPath,
            SkipBuild = skipBuild,
            BuildArgs = buildArgs ?? new Dictionary<string, string>(),
            Position = nameNode.Position,
            Deployment = new FunctionDeployment
            {
                Service = _name,
                Image = image,
                Namespace = string.IsNullOrEmpty(ns) ? null : ns,
                EnvProcess = string.IsNullOrEmpty(fprocess) ? null : fprocess,
                EnvVars = NullIfEmpty(environment),
                Secrets = secrets is { Count: > 0 } ? secrets : null,
                Labels = NullIfEmpty(labels),
                Annotations = NullIfEmpty(annotations),
                Limits = limits,
                Requests = requests,
                Constraints = constraints is { Count: > 0 } ? constraints : null,
                ReadOnlyRootFilesystem = readOnly,
            },
        };
    }

    /// <summary>
    /// The gateway refuses a deploy with bad scaling labels (400); caught here, a typo is an error at its line before
    /// <c>harness up</c> has built and pushed anything.
    /// </summary>
    private void CheckScalingLabels(YamlMapping mapping, Dictionary<string, string>? labels)
    {
        if (labels is null || mapping["labels"] is not YamlMapping labelsNode)
        {
            return;
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labelsNode.Entries)
        {
            if (!labels.TryGetValue(key.Value, out var text) || !key.Value.StartsWith("com.openfaas.scale.", StringComparison.Ordinal))
            {
                continue;
            }

            var errors = new List<string>();
            ScalingPolicy.From(new Dictionary<string, string> { [key.Value] = text }, TimeSpan.Zero, errors);
            foreach (var error in errors)
            {
                reported.Add(error);
                context.Error(value, StackReadContext.Join(Field("labels"), key.Value), error);
            }
        }

        // What only the labels together get wrong (min above max).
        var together = new List<string>();
        ScalingPolicy.From(labels, TimeSpan.Zero, together);
        foreach (var error in together.Where(e => !reported.Contains(e)))
        {
            context.Error(labelsNode, Field("labels"), error);
        }
    }

    private T? Optional<T>(YamlMapping mapping, string key, Func<YamlNode, string, T?> read) =>
        mapping[key] is { } value ? read(value, Field(key)) : default;

    private string Field(string key) => StackReadContext.Join(_prefix, key);

    private string? ReadLang(YamlMapping mapping, bool skipBuild)
    {
        var lang = Optional(mapping, "lang", context.ReadString);
        if (TemplateCatalog.RetiredReason(lang) is { } retired)
        {
            context.Error(mapping["lang"]!, Field("lang"), retired);
        }
        else if (lang is not null && !TemplateCatalog.IsKnown(lang))
        {
            context.Error(mapping["lang"]!, Field("lang"),
                $"unknown lang '{lang}'; expected one of {string.Join(", ", TemplateCatalog.Languages)}");
        }
        else if (lang is null && !skipBuild)
        {
            context.Warning(nameNode.Position, Field("lang"),
                "no lang given: `harness build` skips this function (set skip_build: true to say so)");
        }

        return lang;
    }

    private (string? Handler, string? FullPath) ReadHandler(YamlMapping mapping, string? lang, bool skipBuild)
    {
        var handlerNode = mapping["handler"];
        var handler = handlerNode is null ? null : context.ReadString(handlerNode, Field("handler"));
        if (string.IsNullOrEmpty(handler))
        {
            if (lang is not null && !skipBuild)
            {
                context.Error(handlerNode ?? nameNode, Field("handler"),
                    "missing; expected the function's source folder, relative to the stack file (e.g. ./" + _name + ")");
            }

            return (null, null);
        }

        var fullPath = Path.GetFullPath(Path.Combine(context.Directory, handler));
        var root = Path.TrimEndingDirectorySeparator(context.Directory);
        if (fullPath != root && !fullPath.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            context.Error(handlerNode!, Field("handler"),
                $"handler path '{handler}' escapes the stack file's folder; expected a folder inside {root}");
            return (handler, null);
        }

        if (!skipBuild && !Directory.Exists(fullPath))
        {
            context.Warning(handlerNode!.Position, Field("handler"),
                $"handler folder '{handler}' does not exist; `harness build` will fail");
        }

        return (handler, fullPath);
    }

    private string? ReadImage(YamlMapping mapping)
    {
        var imageNode = mapping["image"];
        var image = imageNode is null ? null : context.ReadString(imageNode, Field("image"));
        if (string.IsNullOrWhiteSpace(image))
        {
            context.Error(imageNode ?? nameNode, Field("image"), "missing; expected an image name such as me/" + _name + ":0.1");
            return null;
        }

        if (image.Any(char.IsWhiteSpace))
        {
            context.Error(imageNode!, Field("image"), $"expected an image name without spaces, found '{image}'");
        }

        return image;
    }

    private string? ReadNamespace(YamlMapping mapping)
    {
        var ns = Optional(mapping, "namespace", context.ReadString);
        if (!string.IsNullOrEmpty(ns) && !DnsName.IsLabel(ns))
        {
            context.Error(mapping["namespace"]!, Field("namespace"), $"invalid namespace '{ns}': expected a DNS-1123 label");
        }

        return ns;
    }

    private List<string>? ReadSecrets(YamlMapping mapping)
    {
        var secrets = Optional(mapping, "secrets", context.ReadStringList);
        if (secrets is null || mapping["secrets"] is not YamlSequence sequence)
        {
            return secrets;
        }

        // The list skips items that are not strings (already reported), so walk the YAML items to keep each name's own
        // index and line: the 5th item is reported as [4] on its own line, whatever came before it.
        var next = 0;
        for (var i = 0; i < sequence.Items.Count && next < secrets.Count; i++)
        {
            if (sequence.Items[i] is not YamlScalar { IsNull: false })
            {
                continue;
            }

            var name = secrets[next++];
            if (SecretName.Problem(name) is { } problem)
            {
                context.Error(sequence.Items[i], $"{Field("secrets")}[{i}]", problem);
            }
        }

        return secrets;
    }

    // faas-cli: environment_file entries override environment, and a later file overrides an earlier one.
    private Dictionary<string, string>? ReadEnvironment(YamlMapping mapping)
    {
        var environment = Optional(mapping, "environment", context.ReadStringMap);
        var files = Optional(mapping, "environment_file", context.ReadStringList);
        if (files is null || mapping["environment_file"] is not YamlSequence sequence)
        {
            return environment;
        }

        var merged = environment ?? new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count && i < sequence.Items.Count; i++)
        {
            foreach (var (key, value) in ReadEnvironmentFile(files[i], sequence.Items[i], $"{Field("environment_file")}[{i}]"))
            {
                merged[key] = value;
            }
        }

        return merged;
    }

    /// <summary>The largest environment file read (faas-cli reads them whole; a real one is a few KiB).</summary>
    public const long MaxEnvironmentFileBytes = 1024 * 1024;

    private Dictionary<string, string> ReadEnvironmentFile(string file, YamlNode node, string field)
    {
        var empty = new Dictionary<string, string>();
        var fullPath = Path.GetFullPath(Path.Combine(context.Directory, file));
        string text;
        try
        {
            // Checked before reading: /dev/zero would be read forever, a FIFO would block, a folder says "access denied".
            if (Files.UserFile.Problem(fullPath, MaxEnvironmentFileBytes) is { } problem)
            {
                context.Error(node, field, $"environment file '{file}' {problem}: expected a YAML file with 'environment: {{KEY: value}}'");
                return empty;
            }

            text = Files.UserFile.ReadAllText(fullPath, MaxEnvironmentFileBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            context.Error(node, field, $"cannot read environment file '{file}': {ex.Message}");
            return empty;
        }

        // Environment files are not substituted, as in faas-cli; errors inside them name that file.
        var fileContext = new StackReadContext(fullPath, context.Directory, new EnvSubstitution(new Dictionary<string, string>()));
        var root = YamlReader.Read(text, fullPath, fileContext.Diagnostics);
        Dictionary<string, string>? values = null;
        if (root is null)
        {
            if (!fileContext.HasErrors)
            {
                fileContext.Error(new SourcePosition(1, 1), "environment", "the file is empty; expected 'environment: {KEY: value}'");
            }
        }
        else if (fileContext.ExpectMapping(root, "") is { } fileMapping)
        {
            if (fileMapping["environment"] is { } envNode)
            {
                values = fileContext.ReadStringMap(envNode, "environment");
            }
            else
            {
                fileContext.Error(fileMapping, "environment", "missing; an environment file holds 'environment: {KEY: value}'");
            }
        }

        context.Diagnostics.AddRange(fileContext.Diagnostics);
        if (fileContext.HasErrors)
        {
            context.Error(node, field, $"environment file '{file}' has errors (listed under its own name)");
        }

        return values ?? empty;
    }

    private FunctionResources? ReadResources(YamlMapping mapping, string key)
    {
        if (mapping[key] is not { } node || node is YamlScalar { IsNull: true })
        {
            return null;
        }

        var field = Field(key);
        if (context.ExpectMapping(node, field) is not { } resources)
        {
            return null;
        }

        foreach (var (resourceKey, _) in resources.Entries.Where(e => !ResourceKeys.Contains(e.Key.Value)))
        {
            context.Warning(resourceKey.Position, StackReadContext.Join(field, resourceKey.Value),
                $"'{resourceKey.Value}' is not supported by this platform and is ignored; supported: memory, cpu");
        }

        var memory = ReadQuantity(resources, field, "memory");
        var cpu = ReadQuantity(resources, field, "cpu");
        return memory is null && cpu is null ? null : new FunctionResources { Memory = memory, Cpu = cpu };
    }

    private string? ReadQuantity(YamlMapping resources, string field, string key)
    {
        if (resources[key] is not { } node)
        {
            return null;
        }

        var quantityField = StackReadContext.Join(field, key);
        var text = context.ReadString(node, quantityField);
        if (text is null)
        {
            return null;
        }

        if (!ResourceQuantity.IsValid(text) && !(key == "memory" && ResourceQuantity.TryParseMemoryBytes(text, out _)))
        {
            context.Error(node, quantityField, key == "memory"
                ? $"invalid quantity '{text}': expected a size such as 128Mi, 1Gi, 128m or 1G"
                : $"invalid quantity '{text}': expected CPU such as 500m, 0.5 or 1");
            return null;
        }

        // One parser for validate, the gateway and the provider, so what validate accepts is what deploys.
        var limit = field.EndsWith("limits", StringComparison.Ordinal);
        if ((key == "memory" ? ResourceQuantity.CheckMemory(text, limit, out _) : ResourceQuantity.CheckCpu(text, limit, out _)) is { } error)
        {
            context.Error(node, quantityField, $"invalid quantity {error}");
            return null;
        }

        if (key == "memory" && text.EndsWith('m'))
        {
            context.Warning(node.Position, quantityField,
                $"'{text}' is read here as megabytes (as Docker does), but Kubernetes reads 'm' as millibytes; write {text[..^1]}Mi or {text[..^1]}M to be portable");
        }

        return text;
    }

    private bool ReadReadOnly(YamlMapping mapping, Dictionary<string, string>? annotations)
    {
        var readOnly = Optional(mapping, "readonly_root_filesystem", context.ReadBoolean) ?? false;
        if (annotations is not null
            && annotations.TryGetValue(PlatformDefaults.ReadOnlyAnnotation, out var value)
            && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase)
            && mapping["annotations"] is YamlMapping annotationNodes)
        {
            var key = annotationNodes.Entries.First(e => e.Key.Value == PlatformDefaults.ReadOnlyAnnotation).Key;
            context.Warning(key.Position, StackReadContext.Join(Field("annotations"), PlatformDefaults.ReadOnlyAnnotation),
                "honoured here as a read-only root filesystem, but upstream OpenFaaS ignores this annotation (not portable); use 'readonly_root_filesystem: true'");
            readOnly = true;
        }

        return readOnly;
    }

    private static Dictionary<string, string>? NullIfEmpty(Dictionary<string, string>? map) => map is { Count: > 0 } ? map : null;
}
