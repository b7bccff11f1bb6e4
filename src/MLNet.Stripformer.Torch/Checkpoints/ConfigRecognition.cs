using MLNet.Stripformer.Torch.Modules;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Checkpoints;

/// <summary>
/// Recognises which Stripformer configuration a state dict holds from its tensors' shapes: the widths c1, c2 and c3
/// and the decoder's width are the output channels of four convolutions. Attention heads leave no trace in the
/// shapes, so the widths are matched against the known configurations, whose heads they then give.
/// </summary>
internal static class ConfigRecognition
{
    private static readonly (string Tensor, string Field)[] Widths =
    [
        ("encoder.en_layer1_1.0.weight", nameof(StripformerConfig.Encoder1)),
        ("encoder.en_layer2_1.0.weight", nameof(StripformerConfig.Encoder2)),
        ("encoder.en_layer3_1.0.weight", nameof(StripformerConfig.Latent)),
        ("decoder.de_layer2_2.0.weight", nameof(StripformerConfig.DecoderDim)),
    ];

    /// <summary>The known configuration whose widths the tensors have.</summary>
    /// <param name="tensors">The (unwrapped) state dict.</param>
    /// <param name="path">The file, for error messages.</param>
    /// <exception cref="InvalidDataException">A width tensor is missing, or the widths match no known configuration;
    /// the message gives what was found.</exception>
    public static StripformerConfig Recognize(IReadOnlyDictionary<string, Tensor> tensors, string path)
    {
        var found = new long[Widths.Length];
        for (int i = 0; i < Widths.Length; i++)
        {
            found[i] = tensors.TryGetValue(Widths[i].Tensor, out var tensor) && tensor.dim() == 4
                ? tensor.shape[0]
                : throw new InvalidDataException(
                    $"'{path}' is not a Stripformer state dict: it has no 4-D tensor '{Widths[i].Tensor}' (its first names: {string.Join(", ", tensors.Keys.Take(5))}).");
        }

        return StripformerConfig.Known.FirstOrDefault(c => Of(c).SequenceEqual(found))
            ?? throw new InvalidDataException(
                $"'{path}' holds a Stripformer of widths {Describe(found)}, which is no known configuration " +
                $"({string.Join("; ", StripformerConfig.Known.Select(c => $"{c.Name}: {Describe(Of(c))}"))}); give its configuration explicitly (a StripformerConfig, or --config on the command line).");
    }

    private static long[] Of(StripformerConfig config) => [config.Encoder1, config.Encoder2, config.Latent, config.DecoderDim];

    private static string Describe(long[] widths) => string.Join(", ", Widths.Select((w, i) => $"{w.Field} {widths[i]}"));
}
