using System.Collections;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Modules;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Checkpoints;

/// <summary>
/// Reads and writes PyTorch <c>.pth</c> files (through TorchSharp.PyBridge): a plain <c>state_dict</c>, or a
/// checkpoint dictionary holding one (the entry is picked by name or found by content), with the prefixes training
/// wrappers add (<c>module.</c> from <c>nn.DataParallel</c>, <c>_orig_mod.</c> from <c>torch.compile</c>, ...) removed.
/// The official Stripformer checkpoints load as published: <c>best_*.pth</c>/<c>final_*.pth</c> (a state dict under
/// <c>module.</c>) and <c>last_*.pth</c> (the training state, the state dict under <c>model_state</c>). Names and
/// shapes are checked before anything is copied; the first mismatch is reported by name.
/// </summary>
public static class PyTorchWeights
{
    /// <summary>Entry names tried, in order, when a checkpoint dictionary holds the state dict.</summary>
    public static IReadOnlyList<string> StateDictEntries { get; } =
        ["state_dict", "model_state_dict", "model_state", "model", "params_ema", "params", "net", "netG", "generator", "network"];

    /// <summary>Builds the network a PyTorch file holds and loads its weights. The configuration is recognised from
    /// the tensors' shapes (see <see cref="StripformerConfig.Known"/>) unless given.</summary>
    /// <param name="path">A <c>.pth</c> file written by <c>torch.save</c>: a state dict, or a checkpoint dictionary holding one.</param>
    /// <param name="config">The configuration, or null to recognise it.</param>
    /// <param name="output">Overrides the configuration's output form (the weights fit either), or null.</param>
    /// <returns>The network, in evaluation mode.</returns>
    /// <exception cref="InvalidDataException">The file is unreadable, holds no state dict, is of no known
    /// configuration, or does not match the one given; the message names the file and what was found.</exception>
    public static StripformerNetwork LoadNetwork(string path, StripformerConfig? config = null, StripformerOutput? output = null)
    {
        var tensors = ReadStateDict(path);
        StripformerNetwork? network = null;
        try
        {
            var chosen = config ?? ConfigRecognition.Recognize(tensors, path);
            network = new StripformerNetwork(output is { } form ? chosen with { Output = form } : chosen);
            network.eval();
        }
        catch
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }

            throw;
        }

        Assign(network, $"the '{network.Config.Name}' network", tensors, path, allowUnexpected: false);
        return network;
    }

    /// <summary>Loads weights from a PyTorch file into a network.</summary>
    /// <param name="network">The network; its configuration must match the file's shapes.</param>
    /// <param name="path">A <c>.pth</c> file written by <c>torch.save</c>.</param>
    /// <param name="entry">The dictionary entry holding the state dict; null to pick it automatically.</param>
    /// <exception cref="InvalidDataException">The file is unreadable, holds no state dict, or a tensor's name or
    /// shape does not match; the message names the file and the first mismatched tensor.</exception>
    public static void Load(StripformerNetwork network, string path, string? entry = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        Assign(network, $"the '{network.Config.Name}' network", ReadStateDict(path, entry), path, allowUnexpected: false);
    }

    /// <summary>Loads weights from a PyTorch state dict held in a stream.</summary>
    /// <param name="network">The network.</param>
    /// <param name="stream">The <c>torch.save</c> bytes.</param>
    /// <param name="name">Names the data in error messages.</param>
    public static void Load(StripformerNetwork network, Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(network);
        Assign(network, $"the '{network.Config.Name}' network", ReadStateDict(stream, name, null), name, allowUnexpected: false);
    }

    /// <summary>Copies a state dict into a module after checking every name and shape, then disposes the tensors.</summary>
    /// <param name="module">The module.</param>
    /// <param name="description">Names the module in error messages.</param>
    /// <param name="tensors">The state dict read from <paramref name="path"/>.</param>
    /// <param name="path">The file, for error messages.</param>
    /// <param name="allowUnexpected">Ignore tensors the module does not have (a classifier after feature layers).</param>
    internal static void Assign(nn.Module module, string description, Dictionary<string, Tensor> tensors, string path, bool allowUnexpected)
    {
        try
        {
            AssignChecked(module, description, tensors, path, allowUnexpected);
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Writes the network's weights as a PyTorch state dict (<c>torch.load</c> reads it), atomically.</summary>
    /// <param name="network">The network.</param>
    /// <param name="path">The target <c>.pth</c> file.</param>
    public static void Save(StripformerNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        AtomicFile.Write(path, stream => network.save_py(stream, leaveOpen: true));
    }

    /// <summary>Reads the tensors of a state dict (plain or inside a checkpoint dictionary).</summary>
    /// <param name="path">The file.</param>
    /// <param name="entry">The dictionary entry, or null to pick it.</param>
    public static Dictionary<string, Tensor> ReadStateDict(string path, string? entry = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The weights file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        return ReadStateDict(stream, path, entry);
    }

    private static Dictionary<string, Tensor> ReadStateDict(Stream stream, string path, string? entry)
    {
        Hashtable root;
        try
        {
            root = PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}' is not a readable PyTorch file ({ex.GetType().Name}: {ex.Message})", ex);
        }

        Hashtable dict = PickStateDict(root, entry, path);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry item in dict)
        {
            if (item.Key is string name && item.Value is Tensor tensor)
            {
                tensors[name] = tensor;
            }
        }

        return WrapperPrefixes.Strip(tensors).Tensors;
    }

    private static Hashtable PickStateDict(Hashtable root, string? entry, string path)
    {
        if (entry is not null)
        {
            return root[entry] as Hashtable
                ?? throw new InvalidDataException($"'{path}' has no dictionary entry '{entry}'; its entries are: {string.Join(", ", root.Keys.Cast<object>())}.");
        }

        if (root.Values.Cast<object>().Any(v => v is Tensor))
        {
            return root;
        }

        foreach (string name in StateDictEntries)
        {
            if (root[name] is Hashtable candidate && candidate.Values.Cast<object>().Any(v => v is Tensor))
            {
                return candidate;
            }
        }

        return root.Values.OfType<Hashtable>().FirstOrDefault(h => h.Values.Cast<object>().Any(v => v is Tensor))
            ?? throw new InvalidDataException(
                $"'{path}' holds no state dict: no tensors at its top level nor in an entry such as {string.Join(", ", StateDictEntries)}; " +
                $"its top-level entries are: {string.Join(", ", root.Keys.Cast<object>().Select(k => $"'{k}'").Take(20))}.");
    }

    private static void AssignChecked(nn.Module module, string description, Dictionary<string, Tensor> tensors, string path, bool allowUnexpected)
    {
        var expected = module.state_dict();
        foreach (var (name, target) in expected)
        {
            if (!tensors.TryGetValue(name, out var source))
            {
                throw new InvalidDataException($"'{path}' does not match {description}: tensor '{name}' is missing.");
            }

            if (!source.shape.SequenceEqual(target.shape))
            {
                throw new InvalidDataException(
                    $"'{path}' does not match {description}: tensor '{name}' has shape [{string.Join(", ", source.shape)}], the network expects [{string.Join(", ", target.shape)}].");
            }
        }

        string? unexpected = tensors.Keys.FirstOrDefault(k => !expected.ContainsKey(k));
        if (unexpected is not null && !allowUnexpected)
        {
            throw new InvalidDataException($"'{path}' does not match {description}: it has an unexpected tensor '{unexpected}'.");
        }

        using var noGrad = no_grad();
        foreach (var (name, target) in expected)
        {
            target.copy_(tensors[name]);
        }
    }
}
