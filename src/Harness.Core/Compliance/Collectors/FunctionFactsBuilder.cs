using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Platform.Contracts;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>Turns one deployment request (from a stack file or a gateway) into facts with evidence.</summary>
internal static class FunctionFactsBuilder
{
    /// <summary>The annotation the article uses; upstream OpenFaaS reads only readOnlyRootFilesystem.</summary>
    public const string ReadOnlyAnnotation = "com.openfaas.security.readonly";

    /// <param name="readOnlyField">The stack's literal readonly_root_filesystem; null takes the deployment's value.</param>
    public static (FunctionFacts Function, IReadOnlyList<EndpointFact> Endpoints) Build(
        string name, FunctionDeployment deployment, string location, string source, JurisdictionResolver resolver, bool? readOnlyField = null, string? lang = null)
    {
        var readOnly = readOnlyField ?? deployment.ReadOnlyRootFilesystem;
        var readOnlyNote = readOnly
            ? "true"
            : deployment.ReadOnlyRootFilesystem
                ? "not set (Harness makes the function read-only because of the annotation; upstream OpenFaaS would not)"
                : "false (not set)";
        var image = ImageReference.Parse(deployment.Image);
        var registry = resolver.Resolve(image.Registry);
        var imageNote = image.ImplicitDockerHub ? " (no registry host in the name, so Docker Hub: docker.io)" : string.Empty;
        var env = deployment.EnvVars ?? new Dictionary<string, string>();
        var annotations = deployment.Annotations ?? new Dictionary<string, string>();
        var labels = deployment.Labels ?? new Dictionary<string, string>();
        var memory = deployment.Limits?.Memory;

        string? readOnlyAnnotation = null;
        EvidenceItem? readOnlyAnnotationEvidence = null;
        if (annotations.TryGetValue(ReadOnlyAnnotation, out var a) || labels.TryGetValue(ReadOnlyAnnotation, out a))
        {
            readOnlyAnnotation = a;
            readOnlyAnnotationEvidence = new EvidenceItem(source, $"{name}: {ReadOnlyAnnotation}: {a}", location);
        }

        env.TryGetValue("exec_timeout", out var execText);
        env.TryGetValue("write_timeout", out var writeText);
        env.TryGetValue("mode", out var mode);
        TimeSpan? write = writeText is not null && GoDuration.TryParse(writeText, out var w) && w > TimeSpan.Zero ? w : null;
        TimeSpan? exec = null;
        var execObserved = $"{name}: exec_timeout not set (the watchdog's default applies)";
        if (execText is not null)
        {
            if (GoDuration.TryParse(execText, out var parsed) && parsed >= TimeSpan.Zero)
            {
                exec = parsed;
                execObserved = parsed == TimeSpan.Zero
                    ? $"{name}: exec_timeout: {execText} (0 disables the limit)"
                    : $"{name}: exec_timeout: {execText}";
            }
            else
            {
                exec = TimeSpan.Zero;
                execObserved = $"{name}: exec_timeout: \"{execText}\" is not a duration the watchdog accepts; treated as no limit";
            }
        }

        var metadata = new List<EvidenceItem>();
        if (deployment.Secrets is { Count: > 0 } secrets)
        {
            metadata.Add(new EvidenceItem(source, $"{name}: secrets referenced: {string.Join(", ", secrets)} (values not read)", location));
        }

        if (labels.Count > 0)
        {
            metadata.Add(new EvidenceItem(source, $"{name}: labels: {Join(labels)}", location));
        }

        if (annotations.Count > 0)
        {
            metadata.Add(new EvidenceItem(source, $"{name}: annotations: {Join(annotations)}", location));
        }

        var endpoints = new List<EndpointFact>();
        foreach (var (key, value) in env.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var host in HostExtractor.Extract(key, value))
            {
                endpoints.Add(new EndpointFact(
                    name,
                    $"environment {key}",
                    resolver.Resolve(host),
                    new EvidenceItem(source, $"{name}: environment {key}={value} → host {host}", location)));
            }
        }

        var facts = new FunctionFacts
        {
            Name = name,
            Location = location,
            Image = deployment.Image,
            ImageReference = image,
            Registry = registry,
            ImageEvidence = new EvidenceItem(source, $"{name}: image {deployment.Image} → registry {image.Registry}{imageNote}; {registry.Explanation}", location),
            MemoryLimit = memory,
            MemoryEvidence = new EvidenceItem(source, memory is null ? $"{name}: limits.memory not set" : $"{name}: limits.memory: {memory}", location),
            ReadOnlyRootFilesystem = readOnly,
            ReadOnlyEvidence = new EvidenceItem(source, $"{name}: readonly_root_filesystem: {readOnlyNote}", location),
            ReadOnlyAnnotation = readOnlyAnnotation,
            ReadOnlyAnnotationEvidence = readOnlyAnnotationEvidence,
            ExecTimeout = exec,
            ExecTimeoutText = execText,
            ExecTimeoutEvidence = new EvidenceItem(source, execObserved + (writeText is null ? "; write_timeout not set" : $"; write_timeout: {writeText}") + (mode is null ? string.Empty : $"; mode: {mode}") + (lang is null ? string.Empty : $"; lang: {lang}"), location),
            WriteTimeout = write,
            Mode = mode,
            Lang = lang,
            Secrets = deployment.Secrets ?? [],
            Labels = labels,
            Annotations = annotations,
            MetadataEvidence = metadata,
        };
        return (facts, endpoints);
    }

    private static string Join(IReadOnlyDictionary<string, string> map)
        => string.Join(", ", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
}
