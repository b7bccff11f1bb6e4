using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Losses;

/// <summary>
/// Edge loss: Charbonnier between the Laplacians of prediction and target. The Laplacian is <c>I - g(U)</c> where g
/// is the 5x5 Gaussian <c>k k^T</c>, <c>k = [0.05, 0.25, 0.4, 0.25, 0.05]</c> (depthwise, replicate padding 2) and U is
/// zero except <c>U[..., ::2, ::2] = 4 g(I)[..., ::2, ::2]</c>.
/// </summary>
public static class EdgeLoss
{
    private static readonly float[] Kernel1D = [0.05f, 0.25f, 0.4f, 0.25f, 0.05f];

    /// <summary>The loss (a scalar, float32).</summary>
    /// <param name="prediction">The restored images [N, C, H, W].</param>
    /// <param name="target">The sharp images.</param>
    public static Tensor Compute(Tensor prediction, Tensor target)
    {
        using var scope = NewDisposeScope();
        var kernel = GaussianKernel(prediction.shape[1], prediction.device);
        return CharbonnierLoss.Compute(Laplacian(prediction.to(ScalarType.Float32), kernel), Laplacian(target.to(ScalarType.Float32), kernel))
            .MoveToOuterDisposeScope();
    }

    /// <summary><c>I - g(U)</c> as defined above.</summary>
    /// <param name="image">Images [N, C, H, W], float32.</param>
    /// <param name="kernel">The depthwise kernel [C, 1, 5, 5].</param>
    public static Tensor Laplacian(Tensor image, Tensor kernel)
    {
        using var scope = NewDisposeScope();
        var filtered = Gauss(image, kernel);
        var upsampled = zeros_like(filtered);
        upsampled[.., .., TensorIndex.Slice(null, null, 2), TensorIndex.Slice(null, null, 2)] =
            filtered[.., .., TensorIndex.Slice(null, null, 2), TensorIndex.Slice(null, null, 2)].Times(4);
        return (image - Gauss(upsampled, kernel)).MoveToOuterDisposeScope();
    }

    /// <summary>The 5x5 Gaussian for <paramref name="channels"/> depthwise channels.</summary>
    public static Tensor GaussianKernel(long channels, Device device)
    {
        using var scope = NewDisposeScope();
        var k = tensor(Kernel1D, device: device);
        return outer(k, k).expand(channels, 1, 5, 5).contiguous().MoveToOuterDisposeScope();
    }

    private static Tensor Gauss(Tensor image, Tensor kernel)
    {
        using var padded = functional.pad(image, [2, 2, 2, 2], PaddingModes.Replicate);
        return ChannelBlocks.Conv2d(padded, kernel, null, groups: image.shape[1]);
    }
}
