using System.Globalization;
using System.Text.Json;

namespace TickCache.Sources.Tardis;

/// <summary>Reading optional fields of the Tardis metadata API's JSON: absent, null or of another kind reads as not given. Pure.</summary>
internal static class TardisJson
{
    /// <summary>An ISO 8601 instant as UTC, or null.</summary>
    public static DateTime? Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    /// <summary>A string, or empty.</summary>
    public static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    /// <summary>A finite number, or null.</summary>
    public static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    /// <summary>A boolean, or null.</summary>
    public static bool? Flag(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
