using System.Text;

namespace TickCache.Sources.BinancePublicData;

/// <summary>
/// A <c>.CHECKSUM</c> file of the archive: one line <c>&lt;sha256 hex&gt;  &lt;zip file name&gt;</c> (the <c>sha256sum</c>
/// format). The checksum is the identity of the zip's bytes (archived files are occasionally replaced, with a new
/// checksum). Pure.
/// </summary>
internal static class BinanceChecksum
{
    /// <summary>The lower-case hex SHA-256 the text gives for <paramref name="zipName"/>, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static string? Parse(ReadOnlySpan<byte> text, string zipName, out string problem)
    {
        var line = Encoding.UTF8.GetString(text).Trim();
        var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length != 64 || !parts[0].All(Uri.IsHexDigit))
        {
            problem = $"'{(line.Length > 200 ? line[..200] : line)}' is not '<sha256 hex>  <file name>'";
            return null;
        }

        var name = parts[1].TrimStart('*'); // sha256sum's binary-mode marker
        if (!string.Equals(name, zipName, StringComparison.Ordinal))
        {
            problem = $"it is the checksum of '{name}', not of '{zipName}'";
            return null;
        }

        problem = string.Empty;
        return parts[0].ToLowerInvariant();
    }
}
