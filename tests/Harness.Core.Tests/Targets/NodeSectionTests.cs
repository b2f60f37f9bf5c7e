using Harness.Targets;

namespace Harness.Core.Tests.Targets;

public sealed class NodeSectionTests
{
    [Fact]
    public void No_node_section_means_the_local_node()
    {
        var target = TargetFileParser.ParseNode("name: local\ngateway: {url: http://127.0.0.1:8080}\n", "t.yml");
        Assert.True(target.IsLocal);
        Assert.Null(target.DatastoreDir);
    }

    [Fact]
    public void Ssh_section_resolves_paths_next_to_the_target_file()
    {
        var dir = Directory.CreateTempSubdirectory("target-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "id"), "key");
            File.WriteAllText(Path.Combine(dir, "known"), "");
            var path = Path.Combine(dir, "vps.yml");
            var target = TargetFileParser.ParseNode("""
                node:
                  ssh: {host: 10.0.0.5, port: 2222, user: root, key_file: id, known_hosts: known}
                  datastore_dir: /var/lib/rancher/k3s/server/db
                  etcd: {endpoint: "http://127.0.0.1:2379", metrics_url: "http://127.0.0.1:2381"}
                  expected_new_connections_per_second: 800
                """, path);
            Assert.False(target.IsLocal);
            Assert.Equal(2222, target.Ssh!.Port);
            Assert.Equal(Path.Combine(dir, "id"), target.Ssh.KeyFile);
            Assert.Equal(Path.Combine(dir, "known"), target.Ssh.KnownHosts);
            Assert.Equal(800, target.ExpectedNewConnectionsPerSecond);
            Assert.Equal("http://127.0.0.1:2381", target.EtcdMetricsUrl);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Every_error_is_reported_with_file_line_column_and_field()
    {
        var ex = Assert.Throws<TargetFileException>(() => TargetFileParser.ParseNode("""
            name: vps
            node:
              ssh:
                host: 10.0.0.5
                port: seventy
                key_file: /nonexistent/id_ed25519
                known_hosts: /nonexistent/known_hosts
                colour: blue
              datastore_dir: relative/db
              etcd: {endpoint: "ftp://x"}
            """, "targets/vps.yml"));
        Assert.Contains(Printed(ex), e => e.StartsWith("targets/vps.yml:5:11: node.ssh.port", StringComparison.Ordinal));
        Assert.Contains(Printed(ex), e => e.Contains("node.ssh.user: required", StringComparison.Ordinal));
        Assert.Contains(Printed(ex), e => e.StartsWith("targets/vps.yml:6:15: node.ssh.key_file: /nonexistent/id_ed25519 does not exist", StringComparison.Ordinal));
        Assert.Contains(Printed(ex), e => e.Contains("node.ssh.known_hosts: /nonexistent/known_hosts does not exist", StringComparison.Ordinal));
        Assert.Contains(Printed(ex), e => e.StartsWith("targets/vps.yml:8:5: node.ssh.colour: unknown key", StringComparison.Ordinal));
        Assert.Contains(Printed(ex), e => e.StartsWith("targets/vps.yml:9:18: node.datastore_dir: must be an absolute path", StringComparison.Ordinal));
        Assert.Contains(Printed(ex), e => e.Contains("node.etcd.endpoint: expected an http(s) URL", StringComparison.Ordinal));
        Assert.Equal(7, Printed(ex).Count);
    }

    [Fact]
    public void Broken_yaml_names_the_position()
    {
        var ex = Assert.Throws<TargetFileException>(() => TargetFileParser.ParseNode("node:\n  ssh: {host: [\n", "bad.yml"));
        Assert.StartsWith("bad.yml:", Assert.Single(Printed(ex)), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_clear_error()
    {
        var ex = Assert.Throws<TargetFileException>(() => TargetFileParser.LoadNode("/nonexistent/target.yml"));
        Assert.Contains("/nonexistent/target.yml", Assert.Single(Printed(ex)), StringComparison.Ordinal);
    }

    [Fact]
    public void Ssh_without_known_hosts_needs_the_explicit_insecure_flag()
    {
        var dir = Directory.CreateTempSubdirectory("target-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "id"), "key");
            var path = Path.Combine(dir, "t.yml");
            var target = TargetFileParser.ParseNode("node:\n  ssh: {host: h, user: u, key_file: id, insecure_ignore_host_key: true}\n", path);
            Assert.True(target.Ssh!.InsecureIgnoreHostKey);
            Assert.Null(target.Ssh.KnownHosts);
            var ex = Assert.Throws<TargetFileException>(() => TargetFileParser.ParseNode("node:\n  ssh: {host: h, user: u, key_file: id, insecure_ignore_host_key: maybe}\n", path));
            Assert.Contains(Printed(ex), e => e.Contains("insecure_ignore_host_key: expected true or false", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    // The text every command prints for each diagnostic.
    private static List<string> Printed(TargetFileException ex) => [.. ex.Diagnostics.Select(d => d.ToString())];
}
