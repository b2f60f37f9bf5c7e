namespace Harness.Load;

/// <summary>Entry point of the C# API, as in NBomber: <c>Scenario.Create("name", async ctx =&gt; { …; return Response.Ok(); })</c>.</summary>
public static class Scenario
{
    /// <summary>A scenario named <paramref name="name"/> that runs <paramref name="step"/> once per iteration.</summary>
    public static ScenarioProps Create(string name, Func<ScenarioContext, Task<Response>> step) => new() { Name = name, Step = step };
}
