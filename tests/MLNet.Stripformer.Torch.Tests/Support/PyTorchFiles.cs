using System.Collections;
using System.Reflection;
using MLNet.Stripformer.Torch.Modules;
using TorchSharp.PyBridge;

namespace MLNet.Stripformer.Torch.Tests.Support;

/// <summary>
/// Writes <c>torch.save</c> files shaped like the ones people have: the official Stripformer releases wrap the
/// network in <c>nn.DataParallel</c> (every key under <c>module.</c>); <c>best_*.pth</c> holds that state dict,
/// <c>last_*.pth</c> the training state with the state dict under <c>model_state</c>. Written with
/// TorchSharp.PyBridge's own pickler (internal in 1.4.4, so reached by reflection here, in the tests only).
/// </summary>
internal static class PyTorchFiles
{
    private static readonly MethodInfo Pickle = typeof(PyTorchUnpickler).Assembly.GetType("TorchSharp.PyBridge.PyTorchPickler", throwOnError: true)!
        .GetMethod("PickleStateDict", [typeof(Stream), typeof(Hashtable), typeof(bool)])!;

    /// <summary>The network's state dict with every name under <paramref name="prefix"/>.</summary>
    public static Hashtable StateDict(StripformerNetwork network, string prefix = "module.")
    {
        var table = new Hashtable();
        foreach (var (name, tensor) in network.state_dict())
        {
            table[prefix + name] = tensor;
        }

        return table;
    }

    /// <summary>The official <c>last_*.pth</c> layout: the training state, the state dict under <c>model_state</c>.</summary>
    public static Hashtable TrainingState(StripformerNetwork network) => new()
    {
        ["epoch"] = 3000,
        ["model_state"] = StateDict(network),
        ["optimizer"] = new Hashtable { ["param_groups"] = new ArrayList { new Hashtable { ["lr"] = 1e-4 } } },
        ["best_psnr"] = 33.08,
    };

    public static void Save(Hashtable contents, string path)
    {
        using var stream = File.Create(path);
        Pickle.Invoke(null, [stream, contents, true]);
    }
}
