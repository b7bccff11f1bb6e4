using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Torch.Modules;
using static MLNet.Stripformer.Onnx.OnnxAttribute;

namespace MLNet.Stripformer.Torch.Export;

/// <summary>Emits the whole network, [N, 3, H, W] in and out: input shift, reflect padding to a multiple of 4
/// (replicate where the image is too small to reflect, chosen by an <c>If</c> at run time), encoder, the twelve
/// blocks, decoder, the output form, and the crop back to H x W.</summary>
internal static class NetworkEmitter
{
    public static string Emit(GraphOps ops, string input, StripformerConfig config)
    {
        var g = ops.Graph;
        string x = config.InputShift == 0 ? input : ops.Add(input, g.FloatScalar(config.InputShift));
        string shape = g.Op("Shape", [x]);
        string height = g.Op("Slice", [shape, g.Int64s(2), g.Int64s(3)]);
        string width = g.Op("Slice", [shape, g.Int64s(3), g.Int64s(4)]);
        string padded = PadToMultipleOf4(g, x, height, width);

        var (z, r1, r2) = Encoder(ops, padded);
        for (int i = 1; i <= 12; i++)
        {
            z = i % 2 == 1
                ? StripBlockEmitter.Intra(ops, z, $"Trans_block_{i}", config.Latent, config.LatentHeads)
                : StripBlockEmitter.Inter(ops, z, $"Trans_block_{i}", config.Latent, config.LatentHeads);
        }

        string d = ops.Add(Decoder(ops, z, r1, r2, config), padded);
        string output = config.Output == StripformerOutput.Sigmoid ? g.Op("Sigmoid", [d]) : d;
        if (config.InputShift != 0)
        {
            output = g.Op("Sub", [output, g.FloatScalar(config.InputShift)]);
        }

        return g.Op("Slice", [output, g.Int64s(0, 0), ops.Concat(0, height, width), g.Int64s(2, 3)]);
    }

    private static string PadToMultipleOf4(OnnxGraphBuilder g, string x, string height, string width)
    {
        string four = g.Int64s(4);
        string PadFor(string size) => g.Op("Mod", [g.Op("Sub", [four, g.Op("Mod", [size, four])]), four]);
        string padH = PadFor(height), padW = PadFor(width);
        string pads = g.Op("Concat", [g.Int64s(0, 0, 0, 0, 0, 0), padH, padW], Int("axis", 0));
        string reflectable = g.Op("And", [g.Op("Less", [padH, height]), g.Op("Less", [padW, width])]);

        OnnxGraphBuilder Branch(string mode)
        {
            var branch = new OnnxGraphBuilder("pad_" + mode, g.NewName("pad_" + mode) + "/");
            string result = branch.Op("Pad", [x, pads], Text("mode", mode));
            branch.Output(result, OnnxElementType.Float, "N", 3, "padded_height", "padded_width");
            return branch;
        }

        return g.Op("If", [reflectable], Graph("then_branch", Branch("reflect")), Graph("else_branch", Branch("edge")));
    }

    private static (string Z, string R1, string R2) Encoder(GraphOps ops, string x)
    {
        string h = ops.LeakyRelu(ops.Conv(x, "encoder.en_layer1_1.0", 3));
        foreach (string block in new[] { "en_layer1_2", "en_layer1_3", "en_layer1_4" })
        {
            h = Residual(ops, "encoder." + block, h, h, 3);
        }

        string r1 = h;
        h = ops.LeakyRelu(ops.Conv(h, "encoder.en_layer2_1.0", 3, stride: 2));
        foreach (string block in new[] { "en_layer2_2", "en_layer2_3", "en_layer2_4" })
        {
            h = Residual(ops, "encoder." + block, h, h, 3);
        }

        string r2 = h;
        return (ops.LeakyRelu(ops.Conv(h, "encoder.en_layer3_1.0", 3, stride: 2)), r1, r2);
    }

    private static string Decoder(GraphOps ops, string z, string r1, string r2, StripformerConfig config)
    {
        string h = ops.LeakyRelu(ops.UpConv(z, "decoder.de_layer3_1.0"));
        h = ops.LeakyRelu(ops.Conv(ops.Concat(1, h, r2), "decoder.de_layer2_2.0", 1));
        for (int i = 1; i <= 6; i++)
        {
            h = i % 2 == 1
                ? StripBlockEmitter.Intra(ops, h, $"decoder.de_block_{i}", config.DecoderDim, config.DecoderHeads)
                : StripBlockEmitter.Inter(ops, h, $"decoder.de_block_{i}", config.DecoderDim, config.DecoderHeads);
        }

        h = ops.LeakyRelu(ops.UpConv(h, "decoder.de_layer2_1.0"));
        h = Residual(ops, "decoder.de_layer1_3", ops.Concat(1, h, r1), h, 1);
        h = Residual(ops, "decoder.de_layer1_2", h, h, 3);
        return ops.LeakyRelu(ops.Conv(h, "decoder.de_layer1_1.0", 3));
    }

    /// <summary><c>LeakyReLU(conv3x3(LeakyReLU(conv_a(x))) + residual)</c>.</summary>
    private static string Residual(GraphOps ops, string prefix, string input, string residual, long firstKernel)
    {
        string branch = ops.Conv(ops.LeakyRelu(ops.Conv(input, prefix + ".0", firstKernel)), prefix + ".2", 3);
        return ops.LeakyRelu(ops.Add(branch, residual));
    }
}
