using Harness.Node.Access;
using Harness.Platform.Contracts;
using Harness.Results;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Targets;

/// <summary>Reads <c>scenarios/targets/*.yml</c>, reporting every error with file, line and column.</summary>
internal static class TargetFileParser
{
    private static readonly string[] Keys =
        ["name", "kind", "gateway", "stack", "stateDirectory", "credentials", "tlsVerify", "location", "monthlyPrice", "provider", "policy", "node", "deploy", "kubeconfig", "namespace", "distributed"];

    public static TargetParseResult ParseFile(string path)
    {
        string text;
        try
        {
            text = Harness.Platform.Files.UserFile.ReadAllText(path);
        }
        // ArgumentException: an empty path or one with a NUL, which is bad input, not a crash.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new(null, [new Diagnostic(path, 0, 0, "", $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Only the <c>node:</c> section of a target file, for the <c>harness node</c> commands and the node scenarios, whose
    /// target may be nothing but a node (no <c>kind:</c> or gateway); the same reader and errors as <see cref="Parse"/>.
    /// </summary>
    /// <exception cref="TargetFileException">The file cannot be read, or its node section is wrong.</exception>
    public static NodeTarget LoadNode(string path)
    {
        string text;
        try
        {
            text = Harness.Platform.Files.UserFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TargetFileException([new Diagnostic(path, 0, 0, "", $"cannot read the file: {e.Message}")]);
        }

        return ParseNode(text, path);
    }

    /// <inheritdoc cref="LoadNode"/>
    public static NodeTarget ParseNode(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new TargetFileException([new Diagnostic(file, (int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + e.Message)]);
        }

        if (stream.Documents.Count == 0)
        {
            return NodeTarget.Local with { SourceFile = file };
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents[0].RootNode;
            throw new TargetFileException([new Diagnostic(file, (int)at.Start.Line, (int)at.Start.Column, "", "a target file must be a mapping")]);
        }

        var errors = new List<Diagnostic>();
        if (YamlDocuments.Extra(stream, file, "target file") is { } extra)
        {
            errors.Add(extra);
        }

        var node = NodeSectionReader.Read(root, file, errors);
        return errors.Count > 0 ? throw new TargetFileException(errors) : node;
    }

    public static TargetParseResult Parse(string text, string file)
    {
        var r = new YamlFieldReader(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return new(null, [new Diagnostic(file, (int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + e.Message)]);
        }

        var root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        if (YamlDocuments.Extra(stream, file, "target file") is { } extra)
        {
            r.Diagnostics.Add(extra);
        }

        var m = r.Mapping(root, "", Keys);
        if (root is null)
        {
            r.Error(null, "", "empty target file");
        }

        var name = r.String(m, "name", "") ?? Path.GetFileNameWithoutExtension(file);
        var kind = r.String(m, "kind", "");
        if (kind is not ("embedded" or "remote"))
        {
            r.Error(m.GetValueOrDefault("kind") ?? root, "kind", kind is null ? "required: embedded or remote" : $"unknown kind '{kind}': embedded or remote");
        }

        Uri? gateway = null;
        if (r.String(m, "gateway", "") is { } g)
        {
            if (!Uri.TryCreate(g, UriKind.Absolute, out gateway) || gateway.Scheme is not ("http" or "https"))
            {
                r.Error(m["gateway"], "gateway", $"'{g}' is not an http(s) URL");
            }
        }
        else if (kind == "remote")
        {
            r.Error(root, "gateway", "a remote target needs the gateway URL");
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
        string? stack = null;
        if (r.String(m, "stack", "") is { } s)
        {
            stack = Path.GetFullPath(Path.Combine(baseDir, s));
            if (StackProblem(stack) is { } problem)
            {
                r.Error(m["stack"], "stack", problem);
            }
        }

        var deploy = r.Boolean(m, "deploy", "");
        if (deploy is not null && kind == "embedded")
        {
            r.Error(m["deploy"], "deploy", "only for a remote target (the embedded platform always deploys its stack)");
        }
        else if (deploy == true && stack is null)
        {
            r.Error(m["deploy"], "deploy", "deploy: true needs stack: (the functions to deploy)");
        }

        string? kubeconfig = null;
        if (r.String(m, "kubeconfig", "") is { } kc)
        {
            kubeconfig = Path.GetFullPath(Path.Combine(baseDir, kc.StartsWith("~/", StringComparison.Ordinal)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), kc[2..]) : kc));
            if (kind == "embedded")
            {
                r.Error(m["kubeconfig"], "kubeconfig", "only for a remote target");
            }
            else if (!File.Exists(kubeconfig))
            {
                r.Error(m["kubeconfig"], "kubeconfig", $"no such file: {kubeconfig}");
            }
        }

        string? policy = null;
        if (r.String(m, "policy", "") is { } pol)
        {
            policy = Path.GetFullPath(Path.Combine(baseDir, pol));
            // The policy is validated now, so a bad one stops the run before anything starts (exit 2).
            foreach (var error in Compliance.Policy.PolicyFileValidator.Validate(policy))
            {
                if (error.Line == 0)
                {
                    r.Error(m["policy"], "policy", error.Message);
                }
                else
                {
                    r.Diagnostics.Add(error);
                }
            }
        }

        var credentials = r.Mapping(m.GetValueOrDefault("credentials"), "credentials", ["userEnv", "passwordEnv"]);
        var priceMap = r.Mapping(m.GetValueOrDefault("monthlyPrice"), "monthlyPrice", ["amount", "currency"]);
        MoneyAmount? price = null;
        if (r.Number(priceMap, "amount", "monthlyPrice") is { } amount)
        {
            if (amount < 0 || double.IsNaN(amount) || double.IsInfinity(amount))
            {
                r.Error(priceMap["amount"], "monthlyPrice.amount", $"{amount} is not a price: expected a number of 0 or more");
            }

            var currency = r.String(priceMap, "currency", "monthlyPrice");
            if (currency is not null && !IsCurrencyCode(currency, priceMap["currency"]))
            {
                r.Error(priceMap["currency"], "monthlyPrice.currency", $"'{currency}' is not a currency: expected an ISO 4217 code such as EUR, NOK or USD");
            }

            price = new MoneyAmount(amount, currency ?? "EUR");
        }

        var node = root is YamlMappingNode rootMap ? NodeSectionReader.Read(rootMap, file, r.Diagnostics) : NodeTarget.Local with { SourceFile = file };
        var declaredLocation = DeclaredLocationReader.Read(m.GetValueOrDefault("location"), file, r.Diagnostics);

        var distributed = Distributed.DistributedSectionReader.Read(r, m.GetValueOrDefault("distributed"), file);
        var state = r.String(m, "stateDirectory", "");
        var definition = new TargetDefinition
        {
            File = file,
            Name = name,
            Kind = kind ?? "",
            Gateway = gateway,
            Stack = stack,
            Deploy = deploy ?? false,
            Kubeconfig = kubeconfig,
            FunctionNamespace = r.String(m, "namespace", "") ?? "openfaas-fn",
            StateDirectory = state is null ? null : Path.GetFullPath(Path.Combine(baseDir, state)),
            UserEnv = r.String(credentials, "userEnv", "credentials") ?? "OPENFAAS_USER",
            PasswordEnv = r.String(credentials, "passwordEnv", "credentials") ?? "OPENFAAS_PASSWORD",
            TlsVerify = r.Boolean(m, "tlsVerify", "") ?? true,
            Location = ReadLocation(r, m),
            MonthlyPrice = price,
            Provider = r.String(m, "provider", ""),
            Policy = policy,
            Node = node,
            DeclaredLocation = declaredLocation,
            Distributed = distributed,
        };
        return r.Diagnostics.Count > 0 ? new(null, r.Diagnostics) : new(definition, []);
    }

    /// <summary>The largest stack file a target may name (a real one is a few KiB).</summary>
    private const long MaxStackBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Why the named stack cannot be the target's stack file, or null. Only a regular .yml/.yaml file of sane size is
    /// read: a path such as <c>../../etc/shadow</c> is refused by name before anything starts. A stack outside the
    /// target's folder stays allowed (scenarios/targets/local.yml names ../functions/stack.yml).
    /// </summary>
    private static string? StackProblem(string stack)
    {
        if (Directory.Exists(stack))
        {
            return $"{stack} is a directory: name the stack file (stack.yml)";
        }

        if (!File.Exists(stack))
        {
            return $"no such file: {stack}";
        }

        if (Path.GetExtension(stack) is not (".yml" or ".yaml"))
        {
            return $"{stack} is not a stack file: expected a .yml or .yaml file (e.g. stack.yml)";
        }

        var length = new FileInfo(stack).Length;
        return length > MaxStackBytes ? $"{stack} is {length} bytes, over the limit of {MaxStackBytes} bytes for a stack file" : null;
    }

    /// <summary>An ISO 4217 code, written as text (a quoted or plain scalar that is not a number).</summary>
    private static bool IsCurrencyCode(string value, YamlNode node) =>
        node is YamlScalarNode && value.Length == 3 && value.All(char.IsAsciiLetterUpper);

    /// <summary><c>location</c> is text ("NO / Oslo") or a mapping (country, city, datacenter, provider), as the compliance check reads it.</summary>
    private static string? ReadLocation(YamlFieldReader r, Dictionary<string, YamlNode> m)
    {
        if (m.GetValueOrDefault("location") is not YamlMappingNode)
        {
            return r.String(m, "location", "");
        }

        var parts = r.Mapping(m["location"], "location", ["country", "city", "datacenter", "provider"]);
        var text = string.Join(" / ", new[] { "country", "city", "datacenter", "provider" }
            .Select(k => r.String(parts, k, "location")).Where(v => !string.IsNullOrEmpty(v)));
        return text.Length == 0 ? null : text;
    }
}
