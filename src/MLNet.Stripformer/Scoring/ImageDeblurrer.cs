using Microsoft.ML.OnnxRuntime;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// Deblurs one <see cref="RgbImage"/> at a time with an ONNX model, outside an ML.NET pipeline, reporting each tile:
/// for a large photo that takes minutes, and for applications that show progress or stop half-way. It runs the
/// network in an ONNX Runtime session over the tiles of <see cref="TilePlan"/>, blended as <c>Deblur</c>'s graph
/// blends them (same tiles, weights and clipping: equal to the transform's output within float rounding), with
/// <see cref="DeblurOptions"/>' device, thread and tiling settings. The session is made when the first tile comes,
/// with that tile's size fixed (cheaper to create); tiles of another size get a second session. Thread-safe.
/// </summary>
public sealed class ImageDeblurrer : IDisposable
{
    private readonly ShapedSessions _sessions;
    private readonly RunOptions _run = new();
    private readonly string _input;
    private readonly string _output;
    private readonly string _source;
    private readonly DeblurOptions _options;

    /// <summary>A deblurrer with the model shipped in this library (<see cref="DefaultDeblurModel"/>).</summary>
    /// <param name="options">Device, threads and tiling; null for the defaults.</param>
    public ImageDeblurrer(DeblurOptions? options = null)
        : this(DefaultDeblurModel.ReadAllBytes(), $"the default model ({DefaultDeblurModel.FileName})", options)
    {
    }

    /// <summary>A deblurrer with an ONNX model file (one float input [N, 3, H, W] in [0, 1], one output of that shape).
    /// ONNX Runtime reads the file itself (weights in external data files next to it included); this constructor reads
    /// only its inputs and outputs.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Device, threads and tiling; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">It is not an image-to-image ONNX model; the message names it.</exception>
    public ImageDeblurrer(string modelPath, DeblurOptions? options = null)
        : this(
            File.Exists(modelPath) ? ImageModelSignature.ReadFile(modelPath) : throw new FileNotFoundException($"The ONNX model '{modelPath}' does not exist.", modelPath),
            sessionOptions => new InferenceSession(modelPath, sessionOptions),
            modelPath,
            options)
    {
    }

    internal ImageDeblurrer(byte[] model, string source, DeblurOptions? options)
        : this(ImageModelSignature.Read(model ?? throw new ArgumentNullException(nameof(model)), source), sessionOptions => new InferenceSession(model, sessionOptions), source, options)
    {
    }

    private ImageDeblurrer(ImageModelSignature signature, Func<SessionOptions, InferenceSession> open, string source, DeblurOptions? options)
    {
        _options = options ?? new DeblurOptions();
        _options.Validate();
        (_input, _output, _source) = (signature.InputName, signature.OutputName, source);
        int? device = ExecutionProvider.Choose(_options.GpuDeviceId, _options.FallbackToCpu, out string provider);
        Provider = provider;
        int threads = _options.ResolvedIntraOpThreads, interOp = _options.InterOpThreads ?? 1;
        _sessions = device is { } gpu
            ? new ShapedSessions(open, source, symbols: null, () => Optimised(SessionOptions.MakeSessionOptionWithCudaProvider(gpu)))

            // No memory patterns on the CPU: with them, the second run allocated (and page-faulted) a second arena.
            : new ShapedSessions(open, source, signature.InputSymbols, () => Optimised(new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = interOp, EnableMemoryPattern = false }));
    }

    /// <summary>Which ONNX Runtime execution provider runs (one line, e.g. for a log).</summary>
    public string Provider { get; }

    /// <summary>Deblurs an image; the result has its size, samples clipped to [0, 1].</summary>
    /// <param name="image">The blurred image, samples in [0, 1].</param>
    /// <param name="progress">Told after each tile (an image that fits in one tile is one step).</param>
    /// <param name="cancellationToken">Checked before each tile.</param>
    /// <exception cref="InvalidDataException">The image holds NaN or infinity, or (at the first image) ONNX Runtime
    /// cannot load the model; the message names it.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between two tiles.</exception>
    public RgbImage Deblur(RgbImage image, IProgress<TileProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        int bad = FiniteSamples.IndexOfNonFinite(image.Pixels);
        if (bad >= 0)
        {
            throw new InvalidDataException($"The image holds {image.Pixels[bad]} at sample {bad}; images must hold finite values in [0, 1].");
        }

        return TiledImageRun.Run(image, _options.TileSize, _options.TileOverlap, RunTile, progress, cancellationToken);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _sessions.Dispose();
        _run.Dispose();
    }

    private static SessionOptions Optimised(SessionOptions options)
    {
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        return options;
    }

    private float[] RunTile(float[] planes, int width, int height)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(planes, [1, 3, height, width]);
        using var outputs = _sessions.For(width, height).Run(_run, [_input], [input], [_output]);
        var result = outputs[0].GetTensorDataAsSpan<float>();
        if (result.Length != planes.Length)
        {
            throw new InvalidDataException($"'{_source}' returned {result.Length} values for a {width}x{height} tile; Deblur needs an output of the input's shape [1, 3, {height}, {width}].");
        }

        return result.ToArray();
    }
}
