namespace TickCache.Sources;

/// <summary>A metadata document's body as the source sent it, and when it was read (<see cref="MetadataDocuments"/>).</summary>
internal sealed record StoredDocument(byte[] Body, DateTimeOffset ReadAt);
