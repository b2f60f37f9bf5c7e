namespace Harness.Targets;

/// <summary>Brings a target up: starts the embedded platform in-process, or connects to a remote gateway.</summary>
internal static class TargetFactory
{
    public static Task<IRunTarget> StartAsync(TargetDefinition definition, CancellationToken cancellationToken)
        => definition.Kind switch
        {
            _ => throw new Scenarios.ScenarioRunException($"{definition.File}: {definition.Kind} targets are not available in this build yet"),
        };
}
