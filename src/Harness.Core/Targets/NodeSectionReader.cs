using System.Globalization;
using Harness.Node.Access;
using Harness.Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Harness.Targets;

/// <summary>The <c>node:</c> section of a target file, for <see cref="TargetFileParser"/>: every error with its file, line, column and field.</summary>
internal static class NodeSectionReader
{
    private static readonly string[] NodeKeys = ["local", "ssh", "datastore_dir", "etcd", "expected_new_connections_per_second"];
    private static readonly string[] SshKeys = ["host", "port", "user", "key_file", "known_hosts", "insecure_ignore_host_key"];
    private static readonly string[] EtcdKeys = ["endpoint", "metrics_url"];

    /// <summary>
    /// The <c>node:</c> section of a target file's root mapping; no section means this machine, undeclared. Every
    /// problem is added to <paramref name="errors"/>; the keys outside <c>node</c> are the caller's.
    /// </summary>
    public static NodeTarget Read(YamlMappingNode root, string path, List<Diagnostic> errors)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("node"), out var nodeValue))
        {
            return NodeTarget.Local with { SourceFile = path };
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
        switch (nodeValue)
        {
            case YamlScalarNode { Value: "local" }:
                return new NodeTarget { SourceFile = path, Declared = true };
            case YamlMappingNode node:
                return ParseNode(node, path, baseDir, errors) with { Declared = true };
            default:
                errors.Add(At(path, nodeValue, "node", "expected `local` or a mapping with `ssh:`"));
                return new NodeTarget { SourceFile = path, Declared = true };
        }
    }

    private static NodeTarget ParseNode(YamlMappingNode node, string path, string baseDir, List<Diagnostic> errors)
    {
        UnknownKeys(node, NodeKeys, "node", path, errors);
        SshTarget? ssh = null;
        if (Child(node, "ssh") is { } sshNode)
        {
            if (sshNode is YamlMappingNode sshMap)
            {
                ssh = ParseSsh(sshMap, path, baseDir, errors);
            }
            else
            {
                errors.Add(At(path, sshNode, "node.ssh", "expected a mapping {host, port, user, key_file, known_hosts}"));
            }
        }

        if (Child(node, "local") is { } localNode && ssh is not null && Bool(localNode, "node.local", path, errors) == true)
        {
            errors.Add(At(path, localNode, "node.local", "cannot be true together with node.ssh"));
        }

        string? endpoint = null, metrics = null;
        if (Child(node, "etcd") is { } etcdNode)
        {
            if (etcdNode is YamlMappingNode etcdMap)
            {
                UnknownKeys(etcdMap, EtcdKeys, "node.etcd", path, errors);
                endpoint = Url(etcdMap, "endpoint", "node.etcd.endpoint", path, errors);
                metrics = Url(etcdMap, "metrics_url", "node.etcd.metrics_url", path, errors);
            }
            else
            {
                errors.Add(At(path, etcdNode, "node.etcd", "expected a mapping {endpoint, metrics_url}"));
            }
        }

        double? expected = null;
        if (Child(node, "expected_new_connections_per_second") is { } rateNode)
        {
            if (rateNode is YamlScalarNode { Value: { } v } && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0)
            {
                expected = rate;
            }
            else
            {
                errors.Add(At(path, rateNode, "node.expected_new_connections_per_second", "expected a number >= 0"));
            }
        }

        var datastore = Scalar(node, "datastore_dir", "node.datastore_dir", path, errors);
        if (datastore is not null && !datastore.StartsWith('/'))
        {
            errors.Add(At(path, Child(node, "datastore_dir")!, "node.datastore_dir", "must be an absolute path on the node"));
        }

        return new NodeTarget
        {
            Ssh = ssh,
            DatastoreDir = datastore,
            EtcdEndpoint = endpoint,
            EtcdMetricsUrl = metrics,
            ExpectedNewConnectionsPerSecond = expected,
            SourceFile = path,
        };
    }

    private static SshTarget? ParseSsh(YamlMappingNode map, string path, string baseDir, List<Diagnostic> errors)
    {
        UnknownKeys(map, SshKeys, "node.ssh", path, errors);
        var host = Required(map, "host", "node.ssh.host", path, errors);
        var user = Required(map, "user", "node.ssh.user", path, errors);
        if (user is not null && user.All(char.IsAsciiDigit))
        {
            // SSH logs in by name; a uid here is a mistake that would only fail at connect time.
            errors.Add(At(path, Child(map, "user")!, "node.ssh.user", $"'{user}' is a number: expected a user name (e.g. ubuntu)"));
            user = null;
        }

        var keyFile = Required(map, "key_file", "node.ssh.key_file", path, errors);
        var port = 22;
        if (Child(map, "port") is { } portNode)
        {
            if (portNode is YamlScalarNode { Value: { } p } && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is > 0 and < 65536)
            {
                port = parsed;
            }
            else
            {
                errors.Add(At(path, portNode, "node.ssh.port", "expected a port number 1-65535"));
            }
        }

        var insecure = Child(map, "insecure_ignore_host_key") is { } insecureNode && Bool(insecureNode, "node.ssh.insecure_ignore_host_key", path, errors) == true;
        var knownHosts = Scalar(map, "known_hosts", "node.ssh.known_hosts", path, errors);
        if (keyFile is not null)
        {
            keyFile = Resolve(keyFile, baseDir);
            if (!File.Exists(keyFile))
            {
                errors.Add(At(path, Child(map, "key_file")!, "node.ssh.key_file", $"{keyFile} does not exist"));
            }
        }

        if (knownHosts is not null)
        {
            knownHosts = Resolve(knownHosts, baseDir);
            if (!File.Exists(knownHosts))
            {
                errors.Add(At(path, Child(map, "known_hosts")!, "node.ssh.known_hosts", $"{knownHosts} does not exist"));
            }
        }
        else if (!insecure)
        {
            var fallback = Resolve("~/.ssh/known_hosts", baseDir);
            if (File.Exists(fallback))
            {
                knownHosts = fallback;
            }
            else
            {
                errors.Add(At(path, map, "node.ssh.known_hosts", $"required (no {fallback}); or set insecure_ignore_host_key: true"));
            }
        }

        if (host is null || user is null || keyFile is null)
        {
            return null;
        }

        return new SshTarget { Host = host, Port = port, User = user, KeyFile = keyFile, KnownHosts = knownHosts, InsecureIgnoreHostKey = insecure };
    }

    private static string Resolve(string value, string baseDir)
    {
        if (value.StartsWith("~/", StringComparison.Ordinal))
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), value[2..]);
        }

        return Path.GetFullPath(value, baseDir);
    }

    private static YamlNode? Child(YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key, string field, string path, List<Diagnostic> errors)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { Length: > 0 } value })
        {
            return value;
        }

        errors.Add(At(path, node, field, "expected a non-empty value"));
        return null;
    }

    private static string? Required(YamlMappingNode map, string key, string field, string path, List<Diagnostic> errors)
    {
        if (Child(map, key) is null)
        {
            errors.Add(At(path, map, field, "required"));
            return null;
        }

        return Scalar(map, key, field, path, errors);
    }

    private static string? Url(YamlMappingNode map, string key, string field, string path, List<Diagnostic> errors)
    {
        var value = Scalar(map, key, field, path, errors);
        if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add(At(path, Child(map, key)!, field, $"expected an http(s) URL, got '{value}'"));
            return null;
        }

        return value;
    }

    private static bool? Bool(YamlNode node, string field, string path, List<Diagnostic> errors)
    {
        if (node is YamlScalarNode { Value: { } v } && bool.TryParse(v, out var b))
        {
            return b;
        }

        errors.Add(At(path, node, field, "expected true or false"));
        return null;
    }

    private static void UnknownKeys(YamlMappingNode map, string[] known, string field, string path, List<Diagnostic> errors)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "?";
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(At(path, key, $"{field}.{name}", $"unknown key (known: {string.Join(", ", known)})"));
            }
        }
    }

    private static Diagnostic At(string path, YamlNode node, string field, string message)
        => new(path, (int)node.Start.Line, (int)node.Start.Column, field, message);
}
