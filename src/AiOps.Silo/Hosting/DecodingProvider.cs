using System.IO.Compression;
using Microsoft.AspNetCore.RequestDecompression;

namespace AiOps.Silo.Hosting;

/// <summary>The request decompression providers (gzip, deflate, br) with their failures mapped to a clear 400.</summary>
internal sealed class DecodingProvider(string encoding, Func<Stream, Stream> decoder) : IDecompressionProvider
{
    public Stream GetDecompressionStream(Stream stream) => new DecodingStream(decoder(stream), encoding);

    public static void Register(RequestDecompressionOptions options)
    {
        options.DecompressionProviders["gzip"] = new DecodingProvider("gzip", s => new GZipStream(s, CompressionMode.Decompress, leaveOpen: true));
        options.DecompressionProviders["deflate"] = new DecodingProvider("deflate", s => new DeflateStream(s, CompressionMode.Decompress, leaveOpen: true));
        options.DecompressionProviders["br"] = new DecodingProvider("br", s => new BrotliStream(s, CompressionMode.Decompress, leaveOpen: true));
    }
}
