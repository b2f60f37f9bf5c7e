namespace Harness.Load;

/// <summary>What a scenario step returns, as in NBomber: <c>Response.Ok()</c> or <c>Response.Fail(...)</c>.</summary>
public readonly record struct Response(bool IsError, int StatusCode, ErrorKind Error, long SizeBytes, string? Message)
{
    /// <summary>A successful iteration, with the status and the bytes received.</summary>
    public static Response Ok(int statusCode = 200, long sizeBytes = 0) => new(false, statusCode, ErrorKind.None, sizeBytes, null);

    /// <summary>A failed iteration; a status of 400 or more with no other kind counts as an HTTP error.</summary>
    public static Response Fail(int statusCode = 0, string? message = null, ErrorKind error = ErrorKind.Other, long sizeBytes = 0)
        => new(true, statusCode, statusCode >= 400 && error == ErrorKind.Other ? ErrorKind.Http : error, sizeBytes, message);
}
