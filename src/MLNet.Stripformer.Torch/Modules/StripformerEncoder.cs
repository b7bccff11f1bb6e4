using MLNet.Stripformer.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>The encoder (<c>encoder.*</c>, the reference's <c>Embeddings</c>): returns the quarter-resolution
/// features z and the skips r1 (full resolution) and r2 (half).</summary>
internal sealed class StripformerEncoder : Module<Tensor, (Tensor Z, Tensor R1, Tensor R2)>
{
#pragma warning disable IDE1006 // Field names and order are the PyTorch state_dict's.
    private readonly Sequential en_layer1_1;
    private readonly Sequential en_layer1_2;
    private readonly Sequential en_layer1_3;
    private readonly Sequential en_layer1_4;
    private readonly Sequential en_layer2_1;
    private readonly Sequential en_layer2_2;
    private readonly Sequential en_layer2_3;
    private readonly Sequential en_layer2_4;
    private readonly Sequential en_layer3_1;
#pragma warning restore IDE1006

    public StripformerEncoder(StripformerConfig config)
        : base("Embeddings")
    {
        int c1 = config.Encoder1, c2 = config.Encoder2;
        en_layer1_1 = Layers.ConvActivation(3, c1, 3);
        en_layer1_2 = Layers.Branch(c1, c1);
        en_layer1_3 = Layers.Branch(c1, c1);
        en_layer1_4 = Layers.Branch(c1, c1);
        en_layer2_1 = Layers.ConvActivation(c1, c2, 3, stride: 2);
        en_layer2_2 = Layers.Branch(c2, c2);
        en_layer2_3 = Layers.Branch(c2, c2);
        en_layer2_4 = Layers.Branch(c2, c2);
        en_layer3_1 = Layers.ConvActivation(c2, config.Latent, 3, stride: 2);
        RegisterComponents();
    }

    public override (Tensor Z, Tensor R1, Tensor R2) forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var h = en_layer1_1.forward(input);
        foreach (var block in new[] { en_layer1_2, en_layer1_3, en_layer1_4 })
        {
            h = Layers.Residual(block, h, h);
        }

        var r1 = h;
        h = en_layer2_1.forward(h);
        foreach (var block in new[] { en_layer2_2, en_layer2_3, en_layer2_4 })
        {
            h = Layers.Residual(block, h, h);
        }

        var r2 = h;
        var z = en_layer3_1.forward(h);
        return (z.MoveToOuterDisposeScope(), r1.MoveToOuterDisposeScope(), r2.MoveToOuterDisposeScope());
    }

    /// <summary><see cref="forward"/> in an ONNX graph.</summary>
    public (string Z, string R1, string R2) Emit(GraphOps ops, string input, string prefix)
    {
        string Path(string field) => $"{prefix}.{field}";
        string h = Layers.Emit(ops, en_layer1_1, input, Path(nameof(en_layer1_1)));
        foreach (var (block, name) in new[] { (en_layer1_2, nameof(en_layer1_2)), (en_layer1_3, nameof(en_layer1_3)), (en_layer1_4, nameof(en_layer1_4)) })
        {
            h = Layers.EmitResidual(ops, block, h, h, Path(name));
        }

        string r1 = h;
        h = Layers.Emit(ops, en_layer2_1, h, Path(nameof(en_layer2_1)));
        foreach (var (block, name) in new[] { (en_layer2_2, nameof(en_layer2_2)), (en_layer2_3, nameof(en_layer2_3)), (en_layer2_4, nameof(en_layer2_4)) })
        {
            h = Layers.EmitResidual(ops, block, h, h, Path(name));
        }

        return (Layers.Emit(ops, en_layer3_1, h, Path(nameof(en_layer3_1))), r1, h);
    }
}
