using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using MLNet.Stripformer.Torch.Modules;
using static TorchSharp.torch;
using Tensor = TorchSharp.torch.Tensor;

namespace MLNet.Stripformer.Torch.Tests.Export;

/// <summary>Networks with every parameter perturbed (so LayerNorm scales, biases and all weights matter), and
/// running exported models with ONNX Runtime.</summary>
internal static class ExportedNetworks
{
    public static StripformerNetwork Perturbed(StripformerConfig config, int seed)
    {
        manual_seed(seed);
        var network = new StripformerNetwork(config);
        network.eval();
        using var noGrad = no_grad();
        foreach (var parameter in network.parameters())
        {
            // A tenth of the tensor's own spread (LayerNorm's ones and zeros get 0.1): realistic magnitudes.
            double spread = parameter.numel() > 1 ? parameter.std().item<float>() : 0;
            using var noise = randn_like(parameter) * (spread > 0 ? 0.1 * spread : 0.1);
            parameter.add_(noise);
        }

        return network;
    }

    public static float[] RunTorch(StripformerNetwork network, Tensor input)
    {
        using var output = RunTorchTensor(network, input);
        return output.contiguous().data<float>().ToArray();
    }

    public static Tensor RunTorchTensor(StripformerNetwork network, Tensor input)
    {
        using var noGrad = no_grad();
        return network.forward(input);
    }

    public static float[] RunOnnx(InferenceSession session, Tensor input, string inputName = "input")
    {
        var tensor = new DenseTensor(input.contiguous().data<float>().ToArray(), input.shape.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        return results.First().AsEnumerable<float>().ToArray();
    }

    public static float MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        float max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }
}
