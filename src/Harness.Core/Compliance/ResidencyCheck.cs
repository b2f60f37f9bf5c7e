using Harness.Compliance.Collectors;
using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Compliance.Nginx;
using Harness.Compliance.Policy;
using Harness.Compliance.Rules;
using Harness.Results;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance;

/// <summary>
/// The library service behind <c>harness check residency</c> (and <c>harness run</c> when a target names a policy):
/// load the policy, run the collectors for the inputs given, evaluate every rule, decide against the threshold.
/// Every input is read and validated before anything is judged; bad input throws <see cref="ComplianceInputException"/>.
/// </summary>
internal sealed class ResidencyCheck
{
    private readonly Func<string, StackInput> _readStack;
    private readonly HttpClient _http;
    private readonly Func<string, INodeLabelSource> _nodeSource;
    private readonly JurisdictionCatalog _catalog;

    public ResidencyCheck(Func<string, StackInput> readStack, HttpClient http, Func<string, INodeLabelSource>? nodeSource = null, JurisdictionCatalog? catalog = null)
    {
        _readStack = readStack;
        _http = http;
        _nodeSource = nodeSource ?? (path => new KubernetesNodeLabelSource(path));
        _catalog = catalog ?? JurisdictionCatalog.Default;
    }

    public async Task<ResidencyCheckOutcome> RunAsync(ResidencyCheckRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        ResidencyPolicy? policy = null;
        try
        {
            policy = await PolicyLoader.LoadAsync(request.PolicyFile, _catalog, cancellationToken).ConfigureAwait(false);
        }
        catch (PolicyLoadException ex)
        {
            errors.AddRange(ex.Diagnostics.Select(e => e.ToString()));
        }

        var ipTable = IpCountryTable.Empty;
        if (request.IpCountryFile is { } ipFile)
        {
            ipTable = Try(errors, () => IpCountryTable.Parse(Harness.Platform.Files.UserFile.ReadAllText(ipFile, Harness.Platform.Files.UserFile.LargeMaxBytes), ipFile)) ?? IpCountryTable.Empty;
        }

        var resolver = new JurisdictionResolver(_catalog, ipTable);
        var stacks = new List<StackInput>();
        foreach (var file in request.StackFiles)
        {
            if (Try(errors, () => _readStack(file)) is { } stack)
            {
                stacks.Add(stack);
            }
        }

        var target = request.Target;
        if (target is null && request.TargetFile is { } targetFile)
        {
            // The whole target is validated as `harness run` reads it, so a typo there is not silently ignored here.
            var parsed = Harness.Targets.TargetFileParser.ParseFile(targetFile);
            errors.AddRange(parsed.Diagnostics.Select(d => d.ToString()));
            target = parsed.Target;
        }

        IngressFacts? ingress = request.NginxConfig is { } nginx ? Try(errors, () => NginxIngressCollector.Collect(nginx)) : null;
        if (request.Kubeconfig is { } kube && !File.Exists(kube))
        {
            errors.Add($"{kube}: kubeconfig not found");
        }

        if (request.NodeRoot is { } root && !Directory.Exists(root))
        {
            errors.Add($"{root}: node root directory not found");
        }

        if (errors.Count > 0 || policy is null)
        {
            throw new ComplianceInputException(errors);
        }

        var (functions, endpoints) = StackCollector.Collect(stacks, resolver);
        var allFunctions = new List<FunctionFacts>(functions);
        var allEndpoints = new List<EndpointFact>(endpoints);
        GatewayFacts? gateway = null;
        if (request.GatewayUrl is { } url)
        {
            var collected = await new GatewayCollector(_http).CollectAsync(url, request.GatewayCredentials, resolver, cancellationToken).ConfigureAwait(false);
            gateway = collected.Gateway;
            allFunctions.AddRange(collected.Functions);
            allEndpoints.AddRange(collected.Endpoints);
            var deployed = collected.Functions.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var marked = LocalArtifactImages.Apply(allFunctions, gateway, deployed);
            allFunctions = [.. marked];
        }

        if (ingress is not null)
        {
            ingress = ingress with { Syntax = await NginxSyntaxCheck.RunAsync(ingress.File, request.LocateNginx(), cancellationToken).ConfigureAwait(false) };
        }

        if (gateway is not null)
        {
            gateway = gateway with
            {
                BodyLimit = request.GatewayBodyLimit ?? gateway.BodyLimit,
                UpstreamTimeout = request.GatewayUpstreamTimeout ?? gateway.UpstreamTimeout,
            };
        }

        NodeLocationFacts? nodes = null;
        if (request.Kubeconfig is { } kubeconfig)
        {
            nodes = await CollectNodesAsync(kubeconfig, cancellationToken).ConfigureAwait(false);
        }

        if (target?.DeclaredLocation is { } declared)
        {
            nodes = (nodes ?? new NodeLocationFacts()) with { Declared = declared };
        }

        HostConfigFacts? host = null;
        if (request.NodeRoot is { } nodeRoot)
        {
            host = await CollectHostAsync(new LocalNodeFiles(nodeRoot), resolver, request.TuningFacts, cancellationToken).ConfigureAwait(false);
        }
        else if (request.OpenNode is { } open)
        {
            var access = open();
            await using (access.ConfigureAwait(false))
            {
                host = await CollectHostAsync(new NodeAccessFiles(access), resolver, request.TuningFacts, cancellationToken).ConfigureAwait(false);
            }
        }

        var evidence = new EvidenceBundle
        {
            Functions = allFunctions,
            Endpoints = allEndpoints,
            StackFiles = request.StackFiles,
            Gateway = gateway,
            NodeLocation = nodes,
            HostConfig = host,
            Ingress = ingress,
            ScenarioPayloads = request.ScenarioPayloads,
        };
        return Judge(policy, evidence);
    }

    /// <summary>Pure: evaluates every rule and applies the policy's threshold.</summary>
    public static ResidencyCheckOutcome Judge(ResidencyPolicy policy, EvidenceBundle evidence)
    {
        var findings = RuleSet.Evaluate(policy, evidence);
        var failed = findings.Any(f => !f.Passed && SeverityNames.TryParse(f.Severity, out var s) && s >= policy.FailAt);
        // Evidence quotes environment values, URLs and files: what leaves the check carries no credential.
        var result = Harness.Results.JsonRedaction.Redact(new ComplianceResult
        {
            PolicyName = policy.Name,
            PolicyHash = "sha256:" + policy.Hash,
            PolicyFile = policy.File,
            FailAt = policy.FailAt.ToName(),
            Findings = findings,
        });
        return new ResidencyCheckOutcome(result, failed, evidence);
    }

    private static async Task<HostConfigFacts> CollectHostAsync(INodeFiles files, JurisdictionResolver resolver, IReadOnlyList<EvidenceItem> given, CancellationToken cancellationToken)
    {
        var tuning = new List<EvidenceItem>(given);
        tuning.AddRange(await TuningFacts.ReadAsync(files, cancellationToken).ConfigureAwait(false));
        return await HostConfigCollector.CollectAsync(files, resolver, tuning, cancellationToken).ConfigureAwait(false);
    }

    private async Task<NodeLocationFacts> CollectNodesAsync(string kubeconfig, CancellationToken cancellationToken)
    {
        INodeLabelSource source;
        try
        {
            source = _nodeSource(kubeconfig);
        }
        catch (Exception ex) when (ex is Harness.Platform.Kubernetes.KubernetesAccessException or IOException or InvalidOperationException or YamlDotNet.Core.YamlException)
        {
            return new NodeLocationFacts { Failure = new EvidenceItem("kubernetes", $"kubeconfig unusable: {ex.Message}", kubeconfig) };
        }

        try
        {
            return await NodeRegionCollector.CollectAsync(source, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            (source as IDisposable)?.Dispose();
        }
    }

    private static T? Try<T>(List<string> errors, Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is InvalidDataException or NginxSyntaxException or IOException or UnauthorizedAccessException)
        {
            errors.Add(ex.Message);
            return null;
        }
    }
}
