using MLNet.Stripformer.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>The blocks' feed-forward network: <c>fc2(GELU(fc1(x)))</c>, 4x expansion, exact (erf) GELU.</summary>
internal sealed class Mlp : Module<Tensor, Tensor>, IOnnxEmitting
{
#pragma warning disable IDE1006 // Field names are the PyTorch state_dict names.
    private readonly Linear fc1;
    private readonly Linear fc2;
#pragma warning restore IDE1006

    public Mlp(int dim)
        : base(nameof(Mlp))
    {
        fc1 = Linear(dim, 4 * dim);
        fc2 = Linear(4 * dim, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var hidden = fc1.forward(input);
        using var activated = functional.gelu(hidden);
        return fc2.forward(activated);
    }

    /// <inheritdoc/>
    public string Emit(GraphOps ops, string input, string prefix) =>
        ops.Linear(ops.Graph.Op("Gelu", [ops.Linear(input, prefix + ".fc1")]), prefix + ".fc2");
}
