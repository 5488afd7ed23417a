using TickCache.Formats;

namespace TickCache.Tests;

public sealed class ColumnPoolTests
{
    [Fact]
    public void ClassLength_AnyLength_AtLeastTheLengthAndAtMostAQuarterLonger()
    {
        for (var length = 0; length <= 70_000; length++)
        {
            var rented = ColumnPool.ClassLength(length);
            Assert.True(rented >= length, $"{length} → {rented}");
            Assert.True(rented <= Math.Max(16, length + ((length + 3) / 4)), $"{length} → {rented}");
        }

        Assert.Equal(2_097_152, ColumnPool.ClassLength(2_000_000));
        Assert.Equal(2_621_440, ColumnPool.ClassLength(2_097_153));
        Assert.Equal(ColumnPool.MaxPooledLength, ColumnPool.ClassLength(ColumnPool.MaxPooledLength));
    }

    [Fact]
    public void Rent_AfterReturn_GivesTheSameArrayBackAndForeignArraysAreNotKept()
    {
        // Bool columns of this odd length are rented by no other test (the pool is process-wide).
        const int Length = 3_333_331;
        var first = ColumnPool.Rent<bool>(Length);
        Assert.Equal(ColumnPool.ClassLength(Length), first.Length);
        ColumnPool.Return(first);
        Assert.Same(first, ColumnPool.Rent<bool>(Length));

        var foreign = new bool[Length]; // not a class length: the GC takes it
        ColumnPool.Return(foreign);
        var next = ColumnPool.Rent<bool>(Length);
        Assert.NotSame(foreign, next);
        Assert.Equal(ColumnPool.ClassLength(Length), next.Length);
        ColumnPool.Return(first);
        ColumnPool.Return(next);
    }

    [Fact]
    public void Rent_OwnClassEmpty_TakesAnArrayOfTheNextClassesBeforeAllocating()
    {
        const int Length = 5_555_551;
        var larger = ColumnPool.Rent<bool>(ColumnPool.ClassLength(Length) + 1);
        Assert.True(larger.Length > ColumnPool.ClassLength(Length));
        ColumnPool.Return(larger);
        Assert.Same(larger, ColumnPool.Rent<bool>(Length));
        ColumnPool.Return(larger);
    }

    [Fact]
    public void Rent_NegativeLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ColumnPool.Rent<long>(-1));
}
