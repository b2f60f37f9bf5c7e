using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Http11;

/// <summary>
/// A request body being copied to the upstream while its answer is read. A failure aborts the connection, so the
/// reader stops waiting at once; <see cref="StopAsync"/> cancels a copy the answer did not wait for.
/// </summary>
internal sealed class BodySend : IDisposable
{
    private readonly Http11Connection _connection;
    private readonly CancellationTokenSource _cancel;
    private readonly Task _copy;

    private BodySend(Http11Connection connection, CancellationTokenSource cancel, Task copy)
    {
        _connection = connection;
        _cancel = cancel;
        _copy = copy;
    }

    public static BodySend Start(Http11Connection connection, HttpRequest request, RequestFraming framing, Http11Forwarder.Pass pass)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(pass.Token);
        return new BodySend(connection, cancel, CopyAsync(connection, request, framing, pass, cancel.Token));
    }

    /// <summary>Waits for the copy to end, cancelling it first if it has not; its failure, or null when it completed.</summary>
    public async Task<Exception?> StopAsync()
    {
        if (!_copy.IsCompleted)
        {
            // The request is only half sent: the connection cannot carry another one.
            _connection.Abort();
            await _cancel.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _copy.ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public void Dispose() => _cancel.Dispose();

    private static async Task CopyAsync(Http11Connection connection, HttpRequest request, RequestFraming framing, Http11Forwarder.Pass pass, CancellationToken token)
    {
        try
        {
            await Http11Forwarder.SendBodyAsync(connection, request, framing, pass, token).ConfigureAwait(false);
        }
        catch
        {
            connection.Abort();
            throw;
        }
    }
}
