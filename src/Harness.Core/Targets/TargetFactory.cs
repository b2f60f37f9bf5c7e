using Harness.Scenarios;

namespace Harness.Targets;

/// <summary>Brings a target up: starts the embedded platform in-process, or connects to a remote gateway.</summary>
internal static class TargetFactory
{
    public static async Task<IRunTarget> StartAsync(TargetDefinition definition, IProgress<string>? status, CancellationToken cancellationToken)
        => definition.Kind switch
        {
            "embedded" => await EmbeddedTarget.StartAsync(definition, status, cancellationToken).ConfigureAwait(false),
            "remote" => await RemoteTarget.ConnectAsync(definition, cancellationToken).ConfigureAwait(false),
            _ => throw new ScenarioRunException($"{definition.File}: unknown target kind '{definition.Kind}'"),
        };
}
