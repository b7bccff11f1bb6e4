using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;

namespace MLNet.Stripformer.Fuzz;

/// <summary>The smallest valid Stripformer: seeds stay small, so the fuzzer mutates structure rather than weights.</summary>
internal static class MicroNetwork
{
    public static StripformerConfig Config { get; } = new("micro", 2, 2, 2, 1, 2, 1, StripformerOutput.Residual, 0f);

    /// <summary>Loads libtorch (once) and builds the network.</summary>
    public static StripformerNetwork Create()
    {
        TorchRuntime.Initialize();
        return new StripformerNetwork(Config);
    }
}
