using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNet.Stripformer.Persistence;

/// <summary>
/// The project's one JSON policy, used by every file it writes (checkpoint state, ONNX metadata, <c>eval --json</c>,
/// <c>bench --json</c>, the quality report): non-finite numbers are valid values here (the PSNR of identical images
/// is +infinity, a metric with nothing to average is NaN), so they are written as the JSON strings
/// <c>"Infinity"</c>, <c>"-Infinity"</c> and <c>"NaN"</c> and read back as numbers; enums are written by name; property
/// names are written as declared and read case-insensitively.
/// </summary>
public static class StripformerJson
{
    /// <summary>The shared options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            Converters = { new JsonStringEnumConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
