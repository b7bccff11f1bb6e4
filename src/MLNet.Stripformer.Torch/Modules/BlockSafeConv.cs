using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// A drop-in <c>torch.nn.Conv2d</c> or <c>torch.nn.ConvTranspose2d</c> (square kernel, the same state-dict names
/// <c>weight</c> and <c>bias</c>, the same initialisation and random draws) that runs through
/// <see cref="ChannelBlocks"/>, so its results and gradients are right whatever the CPU's SIMD width and whatever
/// the allocator's memory held.
/// </summary>
internal sealed class BlockSafeConv : Module<Tensor, Tensor>, IOnnxEmitting
{
#pragma warning disable IDE1006 // Field names are the PyTorch state_dict's.
    private readonly Parameter weight;
    private readonly Parameter bias;
#pragma warning restore IDE1006
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _groups;
    private readonly bool _transposed;

    private BlockSafeConv(Module<Tensor, Tensor> template, Tensor templateWeight, Tensor templateBias, long stride, long padding, long groups, bool transposed)
        : base(transposed ? nameof(ConvTranspose2d) : nameof(Conv2d))
    {
        using (template)
        {
            weight = new Parameter(DetachedCopy.Of(templateWeight));
            bias = new Parameter(DetachedCopy.Of(templateBias));
        }

        (_stride, _padding, _groups, _transposed) = (stride, padding, groups, transposed);
        RegisterComponents();
    }

    /// <summary>A convolution initialised exactly as <c>torch.nn.Conv2d</c> with the same arguments.</summary>
    public static BlockSafeConv Conv(long input, long output, long kernel, long stride = 1, long padding = 0, long groups = 1)
    {
        var template = Conv2d(input, output, kernel, stride: stride, padding: padding, groups: groups);
        return new BlockSafeConv(template, template.weight!, template.bias!, stride, padding, groups, transposed: false);
    }

    /// <summary>A transposed convolution initialised exactly as <c>torch.nn.ConvTranspose2d</c>.</summary>
    public static BlockSafeConv Transposed(long input, long output, long kernel, long stride, long padding)
    {
        var template = ConvTranspose2d(input, output, kernel, stride: stride, padding: padding);
        return new BlockSafeConv(template, template.weight!, template.bias!, stride, padding, 1, transposed: true);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => _transposed
        ? ChannelBlocks.ConvTranspose2d(input, weight, bias, _stride, _padding)
        : ChannelBlocks.Conv2d(input, weight, bias, _stride, _padding, _groups);

    /// <inheritdoc/>
    public string Emit(GraphOps ops, string input, string prefix) => _transposed
        ? ops.ConvTranspose(input, prefix, weight.shape[2], _stride, _padding)
        : ops.Conv(input, prefix, weight.shape[2], _stride, _padding, _groups);
}
