using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Harness.Platform.Gateway;

/// <summary><c>PUT/GET /system/artifacts</c> over an <see cref="IArtifactStore"/> (what <c>harness push</c> uploads to); 501 without one.</summary>
internal sealed class ArtifactsApi(IFunctionProvider provider, GatewayOptions options)
{
    private readonly IArtifactStore? _store = provider as IArtifactStore;

    public async Task ListAsync(HttpContext context)
    {
        if (await UnsupportedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var artifacts = await _store!.ListAsync(context.RequestAborted).ConfigureAwait(false);
        await JsonResponse.WriteAsync(context, artifacts).ConfigureAwait(false);
    }

    public async Task PutAsync(HttpContext context)
    {
        if (await UnsupportedAsync(context).ConfigureAwait(false))
        {
            return;
        }

        var image = context.Request.Query["image"].ToString();
        if (string.IsNullOrWhiteSpace(image) || image.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, "query parameter image is required, e.g. ?image=me/fn:latest").ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentLength > options.MaxArtifactBytes)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge,
                $"artifact too large: {context.Request.ContentLength} bytes, the limit is {options.MaxArtifactBytes} bytes").ConfigureAwait(false);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = options.MaxArtifactBytes;
        }

        var result = await _store!.PutAsync(image, context.Request.Body, context.RequestAborted).ConfigureAwait(false);
        await ProviderResults.WriteAsync(context, result, StatusCodes.Status201Created).ConfigureAwait(false);
    }

    private async Task<bool> UnsupportedAsync(HttpContext context)
    {
        if (_store is not null)
        {
            return false;
        }

        await TextResponse.WriteAsync(context, StatusCodes.Status501NotImplemented, "this provider has no artifact store").ConfigureAwait(false);
        return true;
    }
}
