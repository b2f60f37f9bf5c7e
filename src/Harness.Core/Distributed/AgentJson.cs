using System.Text.Json;
using Harness.Results;

namespace Harness.Distributed;

/// <summary>The wire format between coordinator and agents: results.json's conventions, unindented.</summary>
internal static class AgentJson
{
    public static JsonSerializerOptions Options { get; } = new(RunSummaryJson.Options) { WriteIndented = false };

    /// <summary>The harness version both sides must share.</summary>
    public static string Version { get; } = typeof(AgentJson).Assembly.GetName().Version?.ToString() ?? "0";
}
