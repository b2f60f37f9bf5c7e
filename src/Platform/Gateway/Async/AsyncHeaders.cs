namespace Harness.Platform.Gateway;

/// <summary>OpenFaaS's async header names: the caller's callback, and what the queue-worker adds when it posts the result.</summary>
internal static class AsyncHeaders
{
    public const string CallbackUrl = "X-Callback-Url";
    public const string FunctionStatus = "X-Function-Status";
    public const string FunctionName = "X-Function-Name";
    public const string DurationSeconds = "X-Duration-Seconds";

    /// <summary>Harness extension: how many calls the result took (more than one after retries on 429).</summary>
    public const string Attempts = "X-Harness-Attempts";
}
