using TorchSharp;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Losses;

/// <summary>
/// The contrastive loss's frozen feature network: torchvision's VGG19 <c>features[0:12]</c> (to relu3_1, a quarter
/// of the input resolution), loaded from a user-supplied torchvision <c>state_dict</c> (<c>features.N.weight</c>
/// keys; the classifier is ignored). Fed images without ImageNet normalisation, as the reference does.
/// </summary>
public sealed class Vgg19Features : Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Field names are torchvision's state_dict names.
    private readonly Sequential features;
#pragma warning restore IDE1006

    private Vgg19Features()
        : base("VGG19")
    {
        features = Sequential(
            BlockSafeConv.Conv(3, 64, 3, padding: 1), ReLU(), BlockSafeConv.Conv(64, 64, 3, padding: 1), ReLU(), MaxPool2d(2, 2),
            BlockSafeConv.Conv(64, 128, 3, padding: 1), ReLU(), BlockSafeConv.Conv(128, 128, 3, padding: 1), ReLU(), MaxPool2d(2, 2),
            BlockSafeConv.Conv(128, 256, 3, padding: 1), ReLU());
        RegisterComponents();
    }

    /// <summary>Loads the first twelve feature layers from a torchvision VGG19 state dict and freezes them.</summary>
    /// <param name="path">The <c>.pth</c> file.</param>
    /// <param name="device">Where to put the network.</param>
    /// <exception cref="InvalidDataException">A needed tensor is missing or has the wrong shape.</exception>
    public static Vgg19Features Load(string path, Device device)
    {
        var network = new Vgg19Features();
        PyTorchWeights.Assign(network, "a torchvision VGG19 state dict (features[0:12])", PyTorchWeights.ReadStateDict(path), path, allowUnexpected: true);
        foreach (var parameter in network.parameters())
        {
            parameter.requires_grad = false;
        }

        network.eval();
        return network.to(device);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => features.forward(input);
}
