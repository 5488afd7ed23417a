using K4os.Hash.xxHash;

namespace TickCache.Planning;

/// <summary>The one place that calls K4os.Hash.xxHash: xxHash64 (seed 0) of byte spans, one-shot or incremental.</summary>
internal sealed class XxHash
{
    private readonly XXH64 _state = new();

    public static ulong Of(ReadOnlySpan<byte> bytes) => XXH64.DigestOf(bytes);

    public void Append(ReadOnlySpan<byte> bytes) => _state.Update(bytes);

    public ulong Digest() => _state.Digest();
}
