using MLNet.Stripformer.Torch.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>Steps shared by the intra- and inter-strip blocks.</summary>
internal static class BlockOps
{
    /// <summary>LayerNorm over the channels at every pixel of [B, C, H, W].</summary>
    public static Tensor NormaliseChannels(LayerNorm norm, Tensor x)
    {
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        using var tokens = x.view(b, c, h * w).permute(0, 2, 1);
        using var normalised = Normalise(norm, tokens);
        return normalised.permute(0, 2, 1).contiguous().view(b, c, h, w);
    }

    /// <summary>LayerNorm over the last dimension, computed in float32 whatever the tokens' and weights' type
    /// (bfloat16 training keeps normalisation in full precision), returned in the tokens' type.</summary>
    public static Tensor Normalise(LayerNorm norm, Tensor tokens)
    {
        if (tokens.dtype == ScalarType.Float32 && norm.weight!.dtype == ScalarType.Float32)
        {
            return norm.forward(tokens);
        }

        using var scope = NewDisposeScope();
        var result = nn.functional.layer_norm(
            tokens.to(ScalarType.Float32), [tokens.shape[^1]], norm.weight!.to(ScalarType.Float32), norm.bias!.to(ScalarType.Float32), 1e-5);
        return result.to(tokens.dtype).MoveToOuterDisposeScope();
    }

    /// <summary>The blocks' tail: tokens [B, HW, C] get <c>x + ffn(ffn_norm(x))</c>, then the PEG on [B, C, H, W].</summary>
    public static Tensor FeedForwardAndPosition(Tensor x, LayerNorm ffnNorm, Mlp ffn, PositionEncoding peg)
    {
        long b = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        using var scope = NewDisposeScope();
        var tokens = x.view(b, c, h * w).permute(0, 2, 1);
        var mixed = tokens.Plus(ffn.forward(Normalise(ffnNorm, tokens)));
        var image = mixed.permute(0, 2, 1).contiguous().view(b, c, h, w);
        return peg.forward(image).MoveToOuterDisposeScope();
    }
}
