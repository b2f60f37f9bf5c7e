namespace Harness;

/// <summary>A scenario could not run (missing function, unreachable gateway…); the message is shown as the scenario's error.</summary>
public sealed class ScenarioRunException : Exception
{
    public ScenarioRunException()
    {
    }

    public ScenarioRunException(string message)
        : base(message)
    {
    }

    public ScenarioRunException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
