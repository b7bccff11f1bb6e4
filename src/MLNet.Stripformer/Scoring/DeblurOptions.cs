namespace MLNet.Stripformer.Scoring;

/// <summary>Options of <c>mlContext.Transforms.Deblur(...)</c>: where the network runs and how images are tiled.</summary>
public sealed class DeblurOptions
{
    /// <summary>Default <see cref="TileSize"/>: 512 pixels.</summary>
    public const int DefaultTileSize = 512;

    /// <summary>Default <see cref="TileOverlap"/>: 32 pixels.</summary>
    public const int DefaultTileOverlap = 32;

    /// <summary>The CUDA device to run on; null uses <c>MLContext.GpuDeviceId</c> (and CPU when that is null too).
    /// Needs the application to reference <c>Microsoft.ML.OnnxRuntime.Gpu</c>.</summary>
    public int? GpuDeviceId { get; set; }

    /// <summary>Run on the CPU when the GPU named by <see cref="GpuDeviceId"/> cannot be used (no CUDA provider, no
    /// device); otherwise that is an error. Default true. When <see cref="GpuDeviceId"/> is null, the MLContext's
    /// <c>FallbackToCpu</c> applies to its <c>GpuDeviceId</c>.</summary>
    public bool FallbackToCpu { get; set; } = true;

    /// <summary>Threads ONNX Runtime uses inside one operator; null uses every CPU this process may run on
    /// (<see cref="Environment.ProcessorCount"/>, which honours its affinity mask and container CPU limit). ONNX
    /// Runtime's own default (what ML.NET asks for when given no count) is the number of physical cores as CPUID
    /// reports them, which virtual machines misreport: it ran one thread on a 2-vCPU VM, at half the speed.</summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>Threads ONNX Runtime uses to run independent operators in parallel; null lets ONNX Runtime choose.</summary>
    public int? InterOpThreads { get; set; }

    /// <summary>Tile side in pixels; images larger than this are deblurred tile by tile, inside the ONNX graph,
    /// which bounds memory. Tiles start on the network's 4-pixel grid, so a tile may be up to 7 pixels larger.
    /// 0 runs every image whole. Default 512.</summary>
    public int TileSize { get; set; } = DefaultTileSize;

    /// <summary>Pixels that neighbouring tiles share; their outputs are blended across the overlap. Default 32.</summary>
    public int TileOverlap { get; set; } = DefaultTileOverlap;

    /// <summary>The intra-op thread count a session is made with: <see cref="IntraOpThreads"/>, else every CPU.</summary>
    internal int ResolvedIntraOpThreads => IntraOpThreads ?? Environment.ProcessorCount;

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (GpuDeviceId is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(GpuDeviceId), GpuDeviceId, $"{nameof(GpuDeviceId)} must be 0 or more (or null for the CPU).");
        }

        if (IntraOpThreads is < 1 || InterOpThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(
                IntraOpThreads is < 1 ? nameof(IntraOpThreads) : nameof(InterOpThreads), "Thread counts must be 1 or more (or null: every CPU for IntraOpThreads, ONNX Runtime's default for InterOpThreads).");
        }

        TilePlan.Validate(TileSize, TileOverlap, nameof(TileSize), nameof(TileOverlap));
    }
}
