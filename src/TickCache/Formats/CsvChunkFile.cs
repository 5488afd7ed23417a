using TickCache.Planning;

namespace TickCache.Formats;

/// <summary>
/// What the CSV decoder needs to know of one file besides its bytes, supplied by the source that fetched it.
/// </summary>
/// <param name="Key">The chunk the file must hold.</param>
/// <param name="Description">The file's URL or path, for messages (never with a secret in it).</param>
/// <param name="AnySymbol">True for a file with many instruments (each row names its own symbol); false when every row must have the chunk's symbol.</param>
/// <param name="NormalizeSymbol">Maps a row's <c>symbol</c> cell to the chunk key's spelling (e.g. upper case) before comparing.</param>
/// <param name="PartitionColumn">The int64 column whose value must lie inside the chunk on every row.</param>
/// <param name="Final">True when reading the file again cannot give other bytes (a local file): every data error is then permanent, not retried.</param>
internal sealed record CsvChunkFile(ChunkKey Key, string Description, bool AnySymbol, Func<string, string> NormalizeSymbol, string PartitionColumn, bool Final = false);
