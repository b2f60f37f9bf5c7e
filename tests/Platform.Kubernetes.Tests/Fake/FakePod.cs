using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>One pod of the <see cref="FakeKubelet"/>: a real watchdog process on a loopback port.</summary>
internal sealed record FakePod(string Name, string TemplateHash, int Port, Process Process, JsonObject Labels)
{
    public bool Ready { get; set; }

    /// <summary>Killed or crashed: never reported ready again.</summary>
    public bool Gone { get; set; }

    public List<string> Output { get; } = [];
}
