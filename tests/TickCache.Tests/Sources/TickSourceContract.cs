using TickCache.Formats;
using TickCache.Planning;
using TickCache.Sources;

namespace TickCache.Tests.Sources;

/// <summary>
/// What every <see cref="ITickSource"/> must do (LEAN-style contract tests: one subclass per source). A subclass
/// supplies a running world: the source, a chunk it has, a chunk it does not publish, and a chunk whose file holds
/// another chunk's rows.
/// </summary>
public abstract class TickSourceContract
{
    private static readonly DateTime Base = new(2024, 7, 18, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Identity_IdAndPartitionColumnAreUsable()
    {
        await using var world = await StartAsync();
        var source = world.Source;

        Assert.Matches("^[a-z0-9-]+$", source.Id);
        Assert.NotEmpty(source.DataTypes);
        Assert.True(source.PartitionColumn is "timestamp" or "local_timestamp", source.PartitionColumn);
        Assert.All(source.DataTypes, t => Assert.Equal(source.PartitionColumn, DatasetSchemas.For(t).Column(source.PartitionColumn).Name));
    }

    [Theory]
    [InlineData(0, 86_400)]
    [InlineData(3_600, 7_200)]
    [InlineData(82_800, 90_000)]
    [InlineData(1, 40 * 86_400)]
    public async Task Plan_CoversTheRangeInPartitionOrder_OneKeyPerSymbolPerCell(int fromSeconds, int toSeconds)
    {
        await using var world = await StartAsync();
        var query = new TickQuery(world.Exchange, world.DataType, world.Symbols, Base.AddSeconds(fromSeconds), Base.AddSeconds(toSeconds)) { Source = world.Source.Id };

        var keys = world.Source.Plan(query, static _ => false);

        Assert.All(keys, k => Assert.Equal((world.Source.Id, world.Exchange, world.DataType), (k.Source, k.Exchange, k.DataType)));
        var cells = keys.Chunk(world.Symbols.Length).ToList();
        Assert.All(cells, cell => Assert.Equal(world.Symbols, cell.Select(k => k.Symbol)));
        Assert.All(cells, cell => Assert.Single(cell.Select(k => (k.StartUtc, k.Length)).Distinct()));
        Assert.True(cells[0][0].StartUtc <= query.FromUtc, "the first cell starts at or before the range");
        Assert.True(cells[^1][0].EndUtc >= query.ToUtc, "the last cell ends at or after the range");
        for (var i = 1; i < cells.Count; i++)
        {
            Assert.Equal(cells[i - 1][0].EndUtc, cells[i][0].StartUtc);
        }

        Assert.All(cells, cell => Assert.True(cell[0].StartUtc < query.ToUtc && cell[0].EndUtc > query.FromUtc, "every cell intersects the range"));
    }

    [Fact]
    public async Task Plan_OverlappingQueries_GiveIdenticalKeys()
    {
        await using var world = await StartAsync();
        TickQuery Query(int fromDays, int toDays) => new(world.Exchange, world.DataType, world.Symbols, Base.AddDays(fromDays), Base.AddDays(toDays)) { Source = world.Source.Id };

        var wide = world.Source.Plan(Query(0, 10), static _ => false);
        var narrow = world.Source.Plan(Query(3, 5), static _ => false);

        Assert.All(narrow, k => Assert.Contains(k, wide));
        Assert.Equal(narrow.Select(k => k.Hash), wide.Where(narrow.Contains).Select(k => k.Hash));
    }

    [Fact]
    public async Task Fetch_AChunkItHas_EveryRowInsideTheChunkByItsPartitionTimestamp()
    {
        await using var world = await StartAsync();

        var columns = await world.Source.FetchAsync(world.Available, CancellationToken.None);

        Assert.True(columns.Count > 0);
        var slot = DatasetSchemas.For(world.Available.DataType).Column(world.Source.PartitionColumn).Slot;
        var (min, max) = columns.Bounds(slot);
        Assert.True(min >= world.Available.StartMicros && max < world.Available.EndMicros, $"[{min}, {max}] outside {world.Available}");
        Assert.Equal(ChunkAvailability.Yes.Available, (await world.Source.CheckAvailabilityAsync(world.Available, CancellationToken.None)).Available);
        Assert.True(await world.Source.IsFinalAsync(world.Available, CancellationToken.None));
    }

    [Fact]
    public async Task Fetch_AFileHoldingAnotherChunksRows_IsRefusedAsPermanent()
    {
        await using var world = await StartAsync();

        var e = await Assert.ThrowsAsync<InvalidChunkDataException>(() => world.Source.FetchAsync(world.WrongFile, CancellationToken.None));

        Assert.True(e.Permanent);
        Assert.Equal(world.Source.PartitionColumn, e.Column);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public async Task Availability_AChunkItDoesNotPublish_IsAGapWithAReason()
    {
        await using var world = await StartAsync();

        // A source with metadata says so before the download; a file store without a listing says so from the download.
        var availability = await world.Source.CheckAvailabilityAsync(world.Unpublished, CancellationToken.None);
        var reason = availability.Available
            ? (await Assert.ThrowsAsync<ChunkNotPublishedException>(() => world.Source.FetchAsync(world.Unpublished, CancellationToken.None))).Message
            : availability.Reason;

        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.Contains(world.Unpublished.Symbol, reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finality_AChunkThatHasNotEnded_IsOpen()
    {
        await using var world = await StartAsync();
        var future = new ChunkKey(world.Source.Id, world.Exchange, world.DataType, world.Symbols[0], DateTime.UtcNow.Date.AddDays(2), world.Available.Length);

        Assert.False(await world.Source.IsFinalAsync(future, CancellationToken.None));
    }

    private protected abstract Task<SourceWorld> StartAsync();

    /// <summary>
    /// A running source with the chunks the contract needs, all binance-futures trades of BTCUSDT around
    /// <c>day</c>: the source has <c>day + 1</c>, does not publish <c>day - 30</c>, and serves another day's file as
    /// <c>day + 2</c>. A subclass sets the world up that way and disposes what it started.
    /// </summary>
    private protected class SourceWorld(ITickSource source, DateTime day) : IAsyncDisposable
    {
        public ITickSource Source => source;

        public string Exchange => "binance-futures";

        public string DataType => "trades";

        public string[] Symbols => ["BTCUSDT", "ETHUSDT"];

        public ChunkKey Available => Key(day.AddDays(1));

        public ChunkKey Unpublished => Key(day.AddDays(-30));

        public ChunkKey WrongFile => Key(day.AddDays(2));

        public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private ChunkKey Key(DateTime start) => source.Plan(new TickQuery(Exchange, DataType, Symbols[0], start, start.AddDays(1)) { Source = source.Id }, static _ => false)[0];
    }
}
