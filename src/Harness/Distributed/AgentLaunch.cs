namespace Harness.Distributed;

/// <summary>How to start this harness again as <c>harness agent</c>: the executable and the arguments before the command.</summary>
internal sealed record AgentLaunch(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>The running harness: its apphost, or <c>dotnet harness.dll</c> when started another way (dotnet, a test host).</summary>
    public static AgentLaunch Current()
        => Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "harness" ? new(process, []) : ThroughDotnet();

    /// <summary><c>dotnet harness.dll</c> with the dotnet that runs this process (tests, where this process is the test host).</summary>
    public static AgentLaunch ThroughDotnet()
        => new(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet", [typeof(AgentLaunch).Assembly.Location]);
}
