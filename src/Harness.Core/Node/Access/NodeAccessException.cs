namespace Harness.Node.Access;

/// <summary>The node could not be reached or refused the probe (connection, authentication or host key).</summary>
internal sealed class NodeAccessException : Exception
{
    public NodeAccessException(string message) : base(message) { }

    public NodeAccessException(string message, Exception inner) : base(message, inner) { }
}
