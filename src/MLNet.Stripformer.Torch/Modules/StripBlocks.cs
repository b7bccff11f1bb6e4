using MLNet.Stripformer.Torch.Export;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>
/// A run of transformer blocks, intra-strip and inter-strip in turn (starting with intra), named
/// <c>{prefix}1</c>, <c>{prefix}2</c>... as in the reference; the count, width and heads come from
/// <see cref="StripformerConfig"/>. Not a module itself: the blocks are registered directly in the parent, so the
/// state-dict names stay the reference's (<c>Trans_block_3.*</c>, <c>decoder.de_block_2.*</c>).
/// </summary>
internal sealed class StripBlocks
{
    private readonly (string Name, Module<Tensor, Tensor> Module)[] _blocks;

    /// <summary>Builds <paramref name="count"/> blocks of <paramref name="dim"/> channels and <paramref name="heads"/> heads.</summary>
    public StripBlocks(string prefix, int count, int dim, int heads) =>
        _blocks = [.. Enumerable.Range(1, count).Select(i => ($"{prefix}{i}", i % 2 == 1 ? (Module<Tensor, Tensor>)new IntraStripAttention(dim, heads) : new InterStripAttention(dim, heads)))];

    /// <summary>Registers the blocks in <paramref name="parent"/>, in order.</summary>
    public void RegisterIn(Module parent)
    {
        foreach (var (name, block) in _blocks)
        {
            parent.register_module(name, block);
        }
    }

    /// <summary>The blocks applied in turn.</summary>
    public Tensor Forward(Tensor input) => _blocks.Aggregate(input, (x, block) => block.Module.forward(x));

    /// <summary><see cref="Forward"/> in an ONNX graph; <paramref name="parentPrefix"/> is the parent's state-dict path with its dot, or empty.</summary>
    public string Emit(GraphOps ops, string input, string parentPrefix) =>
        _blocks.Aggregate(input, (x, block) => ((IOnnxEmitting)block.Module).Emit(ops, x, parentPrefix + block.Name));
}
