using MLNet.Stripformer.Torch.Export;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>The decoder (<c>decoder.*</c>, the reference's <c>Embeddings_output</c>).</summary>
internal sealed class StripformerDecoder : Module<Tensor, Tensor, Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names and order are the PyTorch state_dict's.
    private readonly Sequential de_layer3_1;
    private readonly Sequential de_layer2_2;
    private readonly Sequential de_layer2_1;
    private readonly Sequential de_layer1_3;
    private readonly Sequential de_layer1_2;
    private readonly Sequential de_layer1_1;
#pragma warning restore IDE1006

    /// <summary><c>de_block_1</c>... (<see cref="StripformerConfig.DecoderBlocks"/>), intra- and inter-strip in turn.</summary>
    private readonly StripBlocks _blocks;

    public StripformerDecoder(StripformerConfig config)
        : base("Embeddings_output")
    {
        int c1 = config.Encoder1, c2 = config.Encoder2, dd = config.DecoderDim;
        de_layer3_1 = Layers.UpActivation(config.Latent, dd);
        de_layer2_2 = Layers.ConvActivation(dd + c2, dd, 1);
        _blocks = new StripBlocks("de_block_", config.DecoderBlocks, dd, config.DecoderHeads);
        de_layer2_1 = Layers.UpActivation(dd, c1);
        de_layer1_3 = Layers.Branch(2 * c1, c1, firstKernel: 1);
        de_layer1_2 = Layers.Branch(c1, c1);
        de_layer1_1 = Layers.ConvActivation(c1, 3, 3);

        // In the reference's order, which is the state dict's.
        register_module(nameof(de_layer3_1), de_layer3_1);
        register_module(nameof(de_layer2_2), de_layer2_2);
        _blocks.RegisterIn(this);
        register_module(nameof(de_layer2_1), de_layer2_1);
        register_module(nameof(de_layer1_3), de_layer1_3);
        register_module(nameof(de_layer1_2), de_layer1_2);
        register_module(nameof(de_layer1_1), de_layer1_1);
    }

    /// <summary>Zeroes the last convolution, so that <c>d</c> is exactly 0 and a residual network is the identity.</summary>
    public void ZeroOutputLayer()
    {
        using var noGrad = no_grad();
        foreach (var parameter in de_layer1_1.parameters())
        {
            parameter.zero_().Dispose(); // TorchSharp's zero_ returns a second handle to the parameter
        }
    }

    public override Tensor forward(Tensor z, Tensor r1, Tensor r2)
    {
        using var scope = NewDisposeScope();
        var h = _blocks.Forward(de_layer2_2.forward(cat([de_layer3_1.forward(z), r2], 1)));
        h = de_layer2_1.forward(h);
        h = Layers.Residual(de_layer1_3, cat([h, r1], 1), h);
        h = Layers.Residual(de_layer1_2, h, h);
        return de_layer1_1.forward(h).MoveToOuterDisposeScope();
    }

    /// <summary><see cref="forward"/> in an ONNX graph.</summary>
    public string Emit(GraphOps ops, string z, string r1, string r2, string prefix)
    {
        string Path(string field) => $"{prefix}.{field}";
        string h = Layers.Emit(ops, de_layer3_1, z, Path(nameof(de_layer3_1)));
        h = _blocks.Emit(ops, Layers.Emit(ops, de_layer2_2, ops.Concat(1, h, r2), Path(nameof(de_layer2_2))), prefix + ".");
        h = Layers.Emit(ops, de_layer2_1, h, Path(nameof(de_layer2_1)));
        h = Layers.EmitResidual(ops, de_layer1_3, ops.Concat(1, h, r1), h, Path(nameof(de_layer1_3)));
        h = Layers.EmitResidual(ops, de_layer1_2, h, h, Path(nameof(de_layer1_2)));
        return Layers.Emit(ops, de_layer1_1, h, Path(nameof(de_layer1_1)));
    }
}
