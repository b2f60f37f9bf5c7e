namespace Harness.Distributed;

/// <summary>How to start this harness again as <c>harness agent</c>: the executable and the arguments before the command.</summary>
internal sealed record AgentLaunch(string FileName, IReadOnlyList<string> Prefix)
{
    /// <summary>The variable an agent reads its bearer token from (never the command line: visible in ps).</summary>
    public const string TokenVariable = "HARNESS_AGENT_TOKEN";

    /// <summary>The running harness: its apphost, or <c>dotnet harness.dll</c> when started another way (dotnet, a test host).</summary>
    public static AgentLaunch Current()
        => Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "harness" ? new(process, []) : ThroughDotnet();

    /// <summary><c>dotnet harness.dll</c> with the dotnet that runs this process (tests, where this process is the test host).</summary>
    /// <remarks>harness.dll is the CLI's assembly, which this library cannot name: it is built beside this one (the
    /// executable's output and every test output that references the CLI).</remarks>
    public static AgentLaunch ThroughDotnet()
        => new(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet", [Executable]);

    private static string Executable => Path.Combine(Path.GetDirectoryName(typeof(AgentLaunch).Assembly.Location)!, "harness.dll");
}
