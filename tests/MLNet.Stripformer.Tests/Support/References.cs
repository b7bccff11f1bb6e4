using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLNet.Stripformer.Tests.Support;

/// <summary>The values make_references.py computed with OpenCV 4.6 and scikit-image 0.19.</summary>
internal sealed class References
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public List<CropEntry> Crops { get; set; } = [];

    public List<WholeEntry> Whole { get; set; } = [];

    public List<MetricEntry> Metrics { get; set; } = [];

    public static References Load() =>
        JsonSerializer.Deserialize<References>(File.ReadAllText(TestPaths.Reference("references.json")), Options)!;

    internal sealed class CropEntry
    {
        public string Photo { get; set; } = "";

        public string Input { get; set; } = "";

        public Dictionary<string, string> Blurred { get; set; } = [];
    }

    internal sealed class WholeEntry
    {
        public string Photo { get; set; } = "";

        public string Kernel { get; set; } = "";

        public int Width { get; set; }

        public int Height { get; set; }

        public string Sha256 { get; set; } = "";
    }

    internal sealed class MetricEntry
    {
        public string Reference { get; set; } = "";

        public string Candidate { get; set; } = "";

        public double Psnr { get; set; }

        public double Ssim { get; set; }
    }
}
