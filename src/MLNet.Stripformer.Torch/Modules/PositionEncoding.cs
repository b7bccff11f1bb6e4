using MLNet.Stripformer.Torch.Export;
using MLNet.Stripformer.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>Conditional position encoding (PEG): <c>x + depthwiseConv3x3(x)</c>. State-dict name <c>PEG.PEG</c>.</summary>
internal sealed class PositionEncoding : Module<Tensor, Tensor>, IOnnxEmitting
{
#pragma warning disable IDE1006 // Field names are the PyTorch state_dict names.
    private readonly BlockSafeConv PEG;
#pragma warning restore IDE1006

    public PositionEncoding(int dim)
        : base(nameof(PEG))
    {
        PEG = BlockSafeConv.Conv(dim, dim, 3, padding: 1, groups: dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var encoded = PEG.forward(input);
        return encoded.Plus(input);
    }

    /// <inheritdoc/>
    public string Emit(GraphOps ops, string input, string prefix) => ops.Add(PEG.Emit(ops, input, prefix + ".PEG"), input);
}
