using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Modules;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Scoring;

/// <summary>
/// Deblurs <see cref="RgbImage"/>s with a TorchSharp Stripformer, whole or in overlapping tiles. Thread-safe: calls
/// are serialised around the network (TorchSharp already uses every core inside one call).
/// </summary>
public sealed class TorchDeblurrer : IDisposable
{
    private readonly object _gate = new();
    private readonly Device _device;
    private readonly TilingOptions _tiling;

    /// <summary>Wraps a network.</summary>
    /// <param name="network">The network; it is put in evaluation mode and owned by this object.</param>
    /// <param name="device">Where the network lives.</param>
    /// <param name="tiling">Tile size and overlap.</param>
    public TorchDeblurrer(StripformerNetwork network, Device device, TilingOptions? tiling = null)
    {
        Network = network ?? throw new ArgumentNullException(nameof(network));
        _device = device;
        _tiling = tiling ?? new TilingOptions();
        _tiling.Validate();
        Network.eval();
    }

    /// <summary>The network.</summary>
    public StripformerNetwork Network { get; }

    /// <summary>Deblurs one image in the tiles of <see cref="TilePlan"/>; the result has the same size, samples clamped to [0, 1].</summary>
    /// <param name="image">The blurred image.</param>
    public RgbImage Deblur(RgbImage image) => Deblur(image, null, CancellationToken.None);

    /// <summary>Deblurs one image in the tiles of <see cref="TilePlan"/>, reporting each tile and stopping between
    /// tiles when cancelled; the result has the same size, samples clamped to [0, 1].</summary>
    /// <param name="image">The blurred image.</param>
    /// <param name="progress">Told after each tile.</param>
    /// <param name="cancellationToken">Checked before each tile.</param>
    public RgbImage Deblur(RgbImage image, IProgress<TileProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        lock (_gate)
        {
            using var noGrad = no_grad();
            return TiledImageRun.Run(image, _tiling.TileSize, _tiling.Overlap, Run, progress, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Network.Dispose();

    private float[] Run(float[] planes, int width, int height)
    {
        using var scope = NewDisposeScope();
        var output = Network.forward(tensor(planes, [1, 3, height, width]).to(_device));
        return output.to(ScalarType.Float32).cpu().data<float>().ToArray();
    }
}
