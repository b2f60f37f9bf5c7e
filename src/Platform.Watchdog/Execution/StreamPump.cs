namespace Harness.Watchdog.Execution;

/// <summary>Copies between the request, the process pipes and buffers, tolerating a process that stops reading.</summary>
internal static class StreamPump
{
    /// <summary>Copies the request body to the child's stdin, then closes stdin; a child that exits early (EPIPE) is not an error.</summary>
    public static async Task FeedStdinAsync(Stream body, Stream stdin, CancellationToken token)
    {
        try
        {
            await body.CopyToAsync(stdin, 64 * 1024, token).ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            try
            {
                await stdin.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
            }
        }
    }

    public static async Task<MemoryStream> ReadAllAsync(Stream source)
    {
        var buffer = new MemoryStream();
        try
        {
            await source.CopyToAsync(buffer, 64 * 1024).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }

        return buffer;
    }
}
