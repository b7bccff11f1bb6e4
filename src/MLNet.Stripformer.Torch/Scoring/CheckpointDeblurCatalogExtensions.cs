using Microsoft.ML;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;

namespace MLNet.Stripformer;

/// <summary>Deblurring with a network file that is not ONNX: a checkpoint from our trainer or a PyTorch file (for
/// example an official Stripformer release).</summary>
public static class CheckpointDeblurCatalogExtensions
{
    /// <summary>
    /// Deblurs a packed image column with the network in a checkpoint or PyTorch file: exported to ONNX once (kept in
    /// the user's private cache, see <see cref="NetworkFiles.ToCachedOnnx"/>), then scored by ONNX Runtime exactly as
    /// <c>Deblur(output, input, modelPath)</c> does, so the fitted pipeline saves and loads without TorchSharp.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The deblurred image column.</param>
    /// <param name="inputColumnName">The blurred image column.</param>
    /// <param name="checkpointPath">A <c>.ckpt</c> from the trainer, or a PyTorch <c>.pth</c>.</param>
    /// <param name="options">Device, threads and tiling; null for the defaults.</param>
    /// <param name="config">For a PyTorch file: its configuration, or null to recognise it from its tensors.</param>
    public static DeblurEstimator DeblurWithCheckpoint(
        this TransformsCatalog catalog, string outputColumnName, string inputColumnName, string checkpointPath, DeblurOptions? options = null, StripformerConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Deblur(outputColumnName, inputColumnName, NetworkFiles.ToCachedOnnx(checkpointPath, config), options);
    }
}
