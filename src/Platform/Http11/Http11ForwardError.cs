namespace Harness.Platform.Http11;

/// <summary>How a forwarded call failed, in the terms a proxy answers with (after YARP's <c>ForwarderError</c>).</summary>
internal enum Http11ForwardError
{
    /// <summary>The response was relayed.</summary>
    None,

    /// <summary>The upstream could not be reached or the request not written: nothing was answered (502).</summary>
    Request,

    /// <summary>The upstream's answer was missing or not HTTP (502).</summary>
    ResponseHeaders,

    /// <summary>No activity within the activity timeout before the response head (504).</summary>
    RequestTimedOut,

    /// <summary>The caller's token was cancelled (the client went away, or the caller's deadline).</summary>
    Canceled,

    /// <summary>Reading the client's request body failed (a bad or over-limit body, or the client went away).</summary>
    RequestBodyClient,

    /// <summary>The upstream failed in the middle of the response body; the headers were sent, so the call was aborted.</summary>
    ResponseBody,

    /// <summary>The client stopped reading the response; the call was aborted.</summary>
    ResponseBodyClient,
}
