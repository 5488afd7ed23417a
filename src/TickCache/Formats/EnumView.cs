using System.Buffers;
using System.Runtime.InteropServices;

namespace TickCache.Formats;

/// <summary>
/// A byte-code column viewed as a byte-backed enum (<see cref="TradeSide"/>, <see cref="BookSide"/>,
/// <see cref="OptionType"/>) without copying, checking the batch's <see cref="BatchScope"/> like <see cref="ColumnView{T}"/>.
/// </summary>
internal sealed class EnumView<TEnum> : MemoryManager<TEnum>
    where TEnum : unmanaged, Enum
{
    private readonly byte[] _codes;
    private readonly int _offset;
    private readonly int _length;
    private readonly BatchScope _scope;

    private EnumView(byte[] codes, int offset, int length, BatchScope scope)
    {
        _codes = codes;
        _offset = offset;
        _length = length;
        _scope = scope;
    }

    public static ReadOnlyMemory<TEnum> Over(byte[] codes, int offset, int length, BatchScope scope) =>
        new EnumView<TEnum>(codes, offset, length, scope).CreateMemory(length);

    public override Span<TEnum> GetSpan()
    {
        _scope.ThrowIfEnded();
        return MemoryMarshal.Cast<byte, TEnum>(_codes.AsSpan(_offset, _length));
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        _scope.ThrowIfEnded();
        return _codes.AsMemory(_offset, _length)[elementIndex..].Pin();
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
