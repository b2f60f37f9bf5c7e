namespace Harness.Platform.Stack;

/// <summary>What <c>com.openfaas.scale.target</c> counts per replica.</summary>
internal enum ScaleType
{
    /// <summary>Completed requests per second.</summary>
    Rps,

    /// <summary>Requests in flight.</summary>
    Capacity,

    /// <summary>Async requests queued or running (the in-memory queue behind <c>/async-function/*</c>).</summary>
    Queue,
}
