using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
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
            using var scope = NewDisposeScope();
            // A tenth of the tensor's own spread (LayerNorm's ones and zeros get 0.1): realistic magnitudes.
            double spread = parameter.numel() > 1 ? parameter.std().item<float>() : 0;
            parameter.add_(randn_like(parameter).Times(spread > 0 ? 0.1 * spread : 0.1), RootedScalars.Of(1));
        }

        return network;
    }

    public static float[] RunTorch(StripformerNetwork network, Tensor input)
    {
        using var scope = NewDisposeScope();
        return RunTorchTensor(network, input).contiguous().data<float>().ToArray();
    }

    public static Tensor RunTorchTensor(StripformerNetwork network, Tensor input)
    {
        using var noGrad = no_grad();
        return network.forward(input);
    }

    public static float[] RunOnnx(InferenceSession session, Tensor input, string inputName = "input")
    {
        using var contiguous = input.contiguous();
        var tensor = new DenseTensor(contiguous.data<float>().ToArray(), input.shape.Select(d => (int)d).ToArray());
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
