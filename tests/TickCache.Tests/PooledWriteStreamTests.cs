using TickCache.Formats;

namespace TickCache.Tests;

public sealed class PooledWriteStreamTests
{
    [Fact]
    public void Write_PastInitialCapacityWithSeekBack_KeepsReservedFrontAndAllBytes()
    {
        var payload = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        using var stream = new PooledWriteStream(reserve: 32, initialCapacity: 100);
        stream.Reserved.Fill(0xAB);

        for (var offset = 0; offset < payload.Length; offset += 333)
        {
            stream.Write(payload, offset, Math.Min(333, payload.Length - offset));
        }

        stream.Position = 5;
        stream.Write([1, 2, 3]);
        var expected = payload.ToArray();
        expected[5] = 1;
        expected[6] = 2;
        expected[7] = 3;

        Assert.Equal(payload.Length, stream.Length);
        Assert.Equal(8, stream.Position);
        Assert.Equal(expected, stream.Written.ToArray());

        using var detached = stream.Detach();
        Assert.Equal(32 + payload.Length, detached.Length);
        Assert.All(detached.Memory.Span[..32].ToArray(), b => Assert.Equal(0xAB, b));
        Assert.Equal(expected, detached.Memory.Span[32..].ToArray());
    }

    [Fact]
    public void Detach_ThenUseStream_Throws()
    {
        using var stream = new PooledWriteStream(reserve: 0);
        stream.Write([9]);
        var detached = stream.Detach();
        detached.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.Write([1]));
        Assert.Throws<ObjectDisposedException>(() => detached.Memory);
    }
}
