using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Node;

/// <summary>Options every <c>harness node</c> command shares: which node, and where results go.</summary>
internal class NodeSettings : CommandSettings
{
    [CommandOption("--target <FILE>")]
    [Description("Target file; its node: section says local (default) or ssh: {host, port, user, key_file, known_hosts}")]
    public string? Target { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Directory for results.json")]
    public string? Out { get; init; }

    /// <summary>The <c>--expected-rate</c> check <c>node audit</c> and <c>node tune</c> share (a rate of new connections per second).</summary>
    public static string? ExpectedRateProblem(double? rate) =>
        rate is { } r && !(r >= 0 && double.IsFinite(r)) ? $"--expected-rate: expected >= 0, found {r.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null;
}
