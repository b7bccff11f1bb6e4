using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli;

/// <summary>The <c>--device</c>, <c>--threads</c>, <c>--tile</c> and <c>--overlap</c> options as Deblur options.</summary>
internal static class OnnxDeviceChoice
{
    public static DeblurOptions Options(string device, int? threads, int? tile = null, int? overlap = null)
    {
        var defaults = new DeblurOptions();
        return new()
        {
            GpuDeviceId = device.ToLowerInvariant() switch
            {
                "cpu" => null,
                "cuda" or "auto" => 0,
                _ => throw new ArgumentException($"--device must be cpu, cuda or auto; got '{device}'."),
            },
            FallbackToCpu = !device.Equals("cuda", StringComparison.OrdinalIgnoreCase), // only an explicit cuda reports a CUDA failure
            IntraOpThreads = threads,
            InterOpThreads = threads is null ? null : 1,
            TileSize = tile ?? defaults.TileSize,
            TileOverlap = overlap ?? defaults.TileOverlap,
        };
    }
}
