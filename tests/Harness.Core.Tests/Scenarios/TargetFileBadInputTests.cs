using Harness.Targets;

namespace Harness.Core.Tests.Scenarios;

/// <summary>Target files that could hurt (a stack that is not a stack, a broken SSH section, a bad price) are refused with their position.</summary>
public sealed class TargetFileBadInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-targetbad-").FullName;

    [Theory]
    [InlineData("stack: ../../../../../../../../etc/shadow", "stack", "is not a stack file")]
    [InlineData("stack: /etc", "stack", "is a directory")]
    [InlineData("monthlyPrice: {amount: -5, currency: EUR}", "monthlyPrice.amount", "is not a price")]
    [InlineData("monthlyPrice: {amount: 5, currency: 12}", "monthlyPrice.currency", "is not a currency")]
    [InlineData("monthlyPrice: {amount: 5, currency: [EUR]}", "monthlyPrice", "")]
    public void Bad_target_values_are_refused_with_file_line_and_field(string line, string field, string message)
    {
        var path = Write($"name: t\nkind: embedded\n{line}\n");

        var result = TargetFileParser.ParseFile(path);

        Assert.Null(result.Target);
        Assert.Contains(result.Diagnostics, d => d.Line == 3 && d.Field.StartsWith(field, StringComparison.Ordinal) && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_node_ssh_section_is_reported_up_front()
    {
        var path = Write("name: t\nkind: embedded\nnode:\n  ssh:\n    host: \"\"\n    port: 99999\n    user: 1000\n    key_file: ./missing-key\n    insecure_ignore_host_key: true\n");

        var result = TargetFileParser.ParseFile(path);

        Assert.Null(result.Target);
        Assert.Contains(result.Diagnostics, d => d.Line == 5 && d.Field == "node.ssh.host");
        Assert.Contains(result.Diagnostics, d => d.Line == 6 && d.Field == "node.ssh.port" && d.Message.Contains("1-65535", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Line == 7 && d.Field == "node.ssh.user" && d.Message.Contains("is a number", StringComparison.Ordinal));
        Assert.Contains(result.Diagnostics, d => d.Line == 8 && d.Field == "node.ssh.key_file" && d.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "target.yml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_second_yaml_document_is_an_error_in_the_target_and_its_node_section()
    {
        var path = Write("name: t\nkind: embedded\n---\nkind: remote\n");

        var full = TargetFileParser.ParseFile(path);
        var node = Assert.Throws<TargetFileException>(() => TargetFileParser.LoadNode(path));

        Assert.Null(full.Target);
        Assert.Contains(full.Diagnostics, d => d.Line == 4 && d.Message.Contains("one YAML document", StringComparison.Ordinal));
        Assert.Contains(node.Diagnostics, d => d.Line == 4 && d.Message.Contains("one YAML document", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_target_path_is_a_diagnostic_not_an_exception()
    {
        var result = TargetFileParser.ParseFile("");

        Assert.Null(result.Target);
        Assert.Single(result.Diagnostics);
    }
}
