namespace Harness.Platform.Contracts;

/// <summary>
/// A backend that can add a line of the platform's own to a function's logs (<c>/system/logs</c>, <c>faas-cli logs</c>):
/// how the gateway tells a faas-cli user, who sees only "Deployed. 202 Accepted.", what it warned about.
/// </summary>
public interface IFunctionLogNotes
{
    /// <summary>Adds <paramref name="text"/> to the function's logs; false when the function does not exist.</summary>
    bool Note(string name, string @namespace, string text);
}
