using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Harness.Platform.Http11;

/// <summary>
/// Forwards a Kestrel request to a replica over pooled HTTP/1.1 connections and relays the answer: the request head
/// (and a small body) in one send, the response head parsed once, its body copied into Kestrel's response writer and
/// flushed only when the upstream has nothing more buffered. It does what a reverse proxy must (hop-by-hop headers
/// dropped both ways, framing rewritten, 1xx skipped, a stale pooled connection retried once when nothing of the
/// request was lost) and nothing a replica hop does not need: no TLS, no HTTP/2 upstream, no upgrades.
/// </summary>
internal sealed class Http11Forwarder(Http11ConnectionPool pool)
{
    private const int SmallBody = 16 * 1024;

    private static readonly ReadOnlyMemory<byte> LineEnd = "\r\n"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> LastChunk = "0\r\n\r\n"u8.ToArray();

    /// <summary>Forwards <paramref name="context"/>'s request; on an error nothing of the response was started unless the error says so.</summary>
    public async Task<Http11ForwardError> ForwardAsync(
        HttpContext context, Http11Endpoint endpoint, Http11ForwardRequest call, CancellationToken cancellationToken)
    {
        var request = context.Request;
        using var activity = call.ActivityTimeout is { } timeout ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
        activity?.CancelAfter(call.ActivityTimeout!.Value);
        var pass = new Pass(activity, call.ActivityTimeout, cancellationToken);
        using var writer = new Http11RequestWriter();
        var framing = WriteHead(writer, context, endpoint, call);
        var headRequest = HttpMethods.IsHead(request.Method);

        Http11Connection? connection = null;
        BodySend? bodySend = null;
        try
        {
            Http11ResponseHead head;
            try
            {
                // A body that is already buffered and small goes out with the head, and can be sent again on a retry.
                var bodyInBuffer = framing == RequestFraming.None
                    || await TryAppendWholeBodyAsync(writer, request, framing, pass.Token).ConfigureAwait(false);
                for (var attempt = 0; ; attempt++)
                {
                    connection = await pool.RentAsync(endpoint, pass.Token).ConfigureAwait(false);
                    connection.BeginRequest();
                    try
                    {
                        await connection.SendAsync(writer.Written, pass.Token).ConfigureAwait(false);
                        if (!bodyInBuffer)
                        {
                            // Sent while the answer is read: a replica that streams (answers while it reads) would
                            // otherwise fill both directions' buffers and wait on the gateway forever.
                            bodySend = BodySend.Start(connection, request, framing, pass);
                        }

                        head = await connection.ReadHeadAsync(headRequest, pass.Token).ConfigureAwait(false);
                        break;
                    }
                    catch (Exception e) when (attempt == 0 && bodyInBuffer && connection.Reused && !connection.ResponseStarted
                        && e is SocketException or Http11ProtocolException && !pass.Token.IsCancellationRequested)
                    {
                        // The server closed an idle connection as we picked it: nothing was answered, so send it again.
                        connection.Dispose();
                        connection = null;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // A failed body send (the client's body was bad or too large) broke the connection: that is the cause.
                if (bodySend is not null && await bodySend.StopAsync().ConfigureAwait(false) is RequestBodyReadException)
                {
                    return pass.Token.IsCancellationRequested ? pass.Canceled() : Http11ForwardError.RequestBodyClient;
                }

                return e switch
                {
                    RequestBodyReadException => pass.Token.IsCancellationRequested ? pass.Canceled() : Http11ForwardError.RequestBodyClient,
                    OperationCanceledException => pass.Canceled(),
                    _ when connection?.ResponseStarted == true || e is Http11ProtocolException => Http11ForwardError.ResponseHeaders,
                    _ => Http11ForwardError.Request,
                };
            }

            if (head.Status == StatusCodes.Status101SwitchingProtocols)
            {
                connection.Abort();
                return Http11ForwardError.ResponseHeaders;
            }

            CopyResponseHead(context.Response, head, headRequest);
            call.OnResponseHead?.Invoke(context, head);
            var result = await CopyBodyAsync(context, connection!, pass).ConfigureAwait(false);
            if (bodySend is not null)
            {
                // The answer is complete; a body the replica did not wait for is not sent on (nor the connection kept).
                await bodySend.StopAsync().ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            if (bodySend is not null)
            {
                await bodySend.StopAsync().ConfigureAwait(false);
                bodySend.Dispose();
            }

            if (connection is not null)
            {
                pool.Return(endpoint, connection);
            }
        }
    }

    private static RequestFraming WriteHead(Http11RequestWriter writer, HttpContext context, Http11Endpoint endpoint, Http11ForwardRequest call)
    {
        var request = context.Request;
        writer.RequestLine(request.Method, call.Target);
        writer.Header("Host", call.Host ?? endpoint.Authority);
        var headers = request.Headers;
        var connectionValue = headers.Connection.ToString();
        foreach (var (name, values) in headers)
        {
            if (Skipped(name, connectionValue, call.Headers))
            {
                continue;
            }

            if (values.Count > 1 && name.Equals("Cookie", StringComparison.OrdinalIgnoreCase))
            {
                // HTTP/2 splits cookies into fields; HTTP/1.1 allows one Cookie line (RFC 9113 §8.2.3).
                writer.Header(name, string.Join("; ", values.ToArray()));
                continue;
            }

            foreach (var value in values)
            {
                writer.Header(name, value ?? "");
            }
        }

        foreach (var (name, value) in call.Headers)
        {
            writer.Header(name, value);
        }

        RequestFraming framing;
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
        if (request.ContentLength is { } length)
        {
            writer.Header("Content-Length", length);
            framing = length > 0 ? RequestFraming.Length : RequestFraming.None;
        }
        else if (canHaveBody)
        {
            writer.Header("Transfer-Encoding", "chunked");
            framing = RequestFraming.Chunked;
        }
        else
        {
            if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
            {
                // What Go's and .NET's clients send for an empty POST: some servers wait for a body otherwise.
                writer.Header("Content-Length", 0);
            }

            framing = RequestFraming.None;
        }

        writer.EndHead();
        return framing;
    }

    private static bool Skipped(string name, string connectionValue, IReadOnlyList<KeyValuePair<string, string>> replaced)
    {
        if (name.Length == 0 || name[0] == ':' || HopByHopHeaders.Contains(name)
            || name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Expect", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (connectionValue.Length > 0 && HopByHopHeaders.NamedIn(connectionValue, name))
        {
            return true;
        }

        foreach (var (replacedName, _) in replaced)
        {
            if (replacedName.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Appends the body when Kestrel already holds all of it and it is small; false when it must be streamed.</summary>
    private static async ValueTask<bool> TryAppendWholeBodyAsync(Http11RequestWriter writer, HttpRequest request, RequestFraming framing, CancellationToken token)
    {
        if (framing == RequestFraming.Length && request.ContentLength > SmallBody)
        {
            return false;
        }

        var reader = request.BodyReader;
        ReadResult result;
        try
        {
            if (!reader.TryRead(out result))
            {
                // Nothing buffered yet: wait for the first bytes (a client sends a small body with its head).
                result = await reader.ReadAsync(token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new RequestBodyReadException(e);
        }

        var buffer = result.Buffer;
        if (result.IsCompleted && buffer.Length <= SmallBody)
        {
            if (framing == RequestFraming.Chunked && buffer.Length > 0)
            {
                writer.ChunkSize(buffer.Length);
                Append(writer, buffer);
                writer.Ascii("\r\n");
            }
            else if (framing == RequestFraming.Length)
            {
                Append(writer, buffer);
            }

            if (framing == RequestFraming.Chunked)
            {
                writer.Ascii("0\r\n\r\n");
            }

            reader.AdvanceTo(buffer.End);
            return true;
        }

        // Leave it in the reader; SendBodyAsync reads it again from the start.
        reader.AdvanceTo(buffer.Start, buffer.End);
        return false;
    }

    private static void Append(Http11RequestWriter writer, ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer)
        {
            writer.Bytes(segment.Span);
        }
    }

    internal static async Task SendBodyAsync(Http11Connection connection, HttpRequest request, RequestFraming framing, Pass pass, CancellationToken token)
    {
        var reader = request.BodyReader;
        var sizeLine = new byte[20];
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new RequestBodyReadException(e);
            }

            var buffer = result.Buffer;
            if (buffer.Length > 0 && framing == RequestFraming.Chunked)
            {
                var digits = Http11RequestWriter.FormatChunkSize(buffer.Length, sizeLine);
                await connection.SendAsync(sizeLine.AsMemory(0, digits), token).ConfigureAwait(false);
            }

            foreach (var segment in buffer)
            {
                await connection.SendAsync(segment, token).ConfigureAwait(false);
            }

            if (buffer.Length > 0 && framing == RequestFraming.Chunked)
            {
                await connection.SendAsync(LineEnd, token).ConfigureAwait(false);
            }

            reader.AdvanceTo(buffer.End);
            pass.Renew();
            if (result.IsCompleted)
            {
                break;
            }
        }

        if (framing == RequestFraming.Chunked)
        {
            await connection.SendAsync(LastChunk, token).ConfigureAwait(false);
        }
    }

    private static void CopyResponseHead(HttpResponse response, Http11ResponseHead head, bool headRequest)
    {
        response.StatusCode = head.Status;
        var headers = response.Headers;
        var connectionValue = "";
        foreach (var (name, value) in head.Headers)
        {
            if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                connectionValue = connectionValue.Length == 0 ? value : connectionValue + "," + value;
            }
        }

        foreach (var (name, value) in head.Headers)
        {
            if (HopByHopHeaders.Contains(name) || (connectionValue.Length > 0 && HopByHopHeaders.NamedIn(connectionValue, name)))
            {
                continue;
            }

            headers.Append(name, value);
        }

        if (head.Framing == Http11Framing.Length || (head.ContentLength >= 0 && (headRequest || head.Framing == Http11Framing.None)))
        {
            // Kestrel writes the length itself; a HEAD answer keeps the length of the body it would have had.
            response.ContentLength = head.ContentLength;
        }
    }

    private static async Task<Http11ForwardError> CopyBodyAsync(HttpContext context, Http11Connection connection, Pass pass)
    {
        var token = pass.Token;
        var writer = context.Response.BodyWriter;
        while (connection.BodyPending)
        {
            int read;
            try
            {
                read = await connection.ReadBodyAsync(writer.GetMemory(), token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
            {
                context.Abort();
                return e is OperationCanceledException ? pass.Canceled() : Http11ForwardError.ResponseBody;
            }

            writer.Advance(read);
            if (connection.BodyPending && !connection.HasBuffered)
            {
                // Whatever the upstream sent so far goes to the client before waiting for more: a stream stays a stream.
                try
                {
                    var flushed = await writer.FlushAsync(token).ConfigureAwait(false);
                    if (flushed.IsCanceled || flushed.IsCompleted)
                    {
                        return Http11ForwardError.ResponseBodyClient;
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    return Http11ForwardError.ResponseBodyClient;
                }

                pass.Renew();
            }
        }

        try
        {
            // What is left goes now: Kestrel's own end of request does not flush a replaced Body stream (a middleware's,
            // or a test's). Not HttpResponse.CompleteAsync: with it, the tail of a 1 MB Content-Length answer written
            // since the last flush never reached the client (Http11ForwarderTests, large answers).
            await writer.FlushAsync(token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return Http11ForwardError.ResponseBodyClient;
        }

        return Http11ForwardError.None;
    }

    /// <summary>The tokens of one call: the caller's, and the activity timeout's on top of it when there is one.</summary>
    internal readonly record struct Pass(CancellationTokenSource? Activity, TimeSpan? Timeout, CancellationToken Outer)
    {
        public CancellationToken Token => Activity?.Token ?? Outer;

        /// <summary>The caller's cancellation, or the activity timeout when only that fired.</summary>
        public Http11ForwardError Canceled() => Outer.IsCancellationRequested ? Http11ForwardError.Canceled : Http11ForwardError.RequestTimedOut;

        public void Renew()
        {
            if (Timeout is { } timeout)
            {
                Activity!.CancelAfter(timeout);
            }
        }
    }
}
