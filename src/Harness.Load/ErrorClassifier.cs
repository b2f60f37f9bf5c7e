using System.Net.Http;
using System.Net.Sockets;

namespace Harness.Load;

/// <summary>Maps what a step threw to an <see cref="ErrorKind"/>, looking through wrapped exceptions for the socket error.</summary>
internal static class ErrorClassifier
{
    public static ErrorKind Classify(Exception exception, bool timedOut)
    {
        if (timedOut && exception is OperationCanceledException or TimeoutException)
        {
            return ErrorKind.Timeout;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException s)
            {
                return s.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => ErrorKind.ConnectionRefused,
                    SocketError.AddressNotAvailable => ErrorKind.AddressNotAvailable,
                    SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => ErrorKind.ConnectionReset,
                    SocketError.TimedOut => ErrorKind.Timeout,
                    _ => ErrorKind.Other,
                };
            }

            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded })
            {
                return ErrorKind.ConnectionReset;
            }

            if (e is TimeoutException)
            {
                return ErrorKind.Timeout;
            }
        }

        return ErrorKind.Other;
    }

    /// <summary>The counter name of an error kind, e.g. <c>error_eaddrnotavail</c>.</summary>
    public static string CounterName(ErrorKind kind) => kind switch
    {
        ErrorKind.Http => "error_http",
        ErrorKind.Timeout => "error_timeout",
        ErrorKind.ConnectionRefused => "error_connection_refused",
        ErrorKind.AddressNotAvailable => "error_eaddrnotavail",
        ErrorKind.ConnectionReset => "error_reset",
        _ => "error_other",
    };
}
