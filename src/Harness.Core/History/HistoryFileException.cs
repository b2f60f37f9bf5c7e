namespace Harness.History;

/// <summary>The history file named is not one a run can record in: a folder, a device, not a database, another program's database.</summary>
/// <remarks>An <see cref="IOException"/>, so every caller that reports an unreadable file reports this one too (exit 2 in the commands).</remarks>
internal sealed class HistoryFileException : IOException
{
    public HistoryFileException(string path, string reason, Exception? inner = null)
        : base($"{path} {reason}", inner)
    {
        Reason = reason;
    }

    /// <summary>What is wrong, as a phrase that follows the path ("is a folder, not a history database").</summary>
    public string Reason { get; }
}
