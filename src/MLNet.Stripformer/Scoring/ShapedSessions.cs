using Microsoft.ML.OnnxRuntime;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// The ONNX Runtime sessions an <see cref="ImageDeblurrer"/> runs on the CPU: one whose batch, height and width are
/// fixed to the first tile size it is asked for, and, only if another size comes, one with symbolic sizes. A fixed
/// size makes the session cheaper to create (ONNX Runtime's allocation planner took 0.5-0.6 s of a 0.7 s creation
/// with symbolic sizes, 0.25 s with fixed ones, on a 2-vCPU VM), which is most of what one image costs; a batch of
/// same-size photos, and the tiles of large photos, keep using it. Thread-safe.
/// </summary>
internal sealed class ShapedSessions : IDisposable
{
    private readonly Func<SessionOptions, InferenceSession> _open;
    private readonly string _source;
    private readonly (string Batch, string Height, string Width)? _symbols;
    private readonly Func<SessionOptions> _options;
    private readonly Lock _gate = new();
    private (int Width, int Height)? _fixedSize;
    private InferenceSession? _fixed;
    private InferenceSession? _symbolic;

    /// <param name="open">Opens the model (from its bytes or its file) with the given options.</param>
    /// <param name="source">The model's name in messages.</param>
    /// <param name="symbols">The input's batch, height and width symbols, or null to use symbolic sizes only.</param>
    /// <param name="options">Makes the session options (device, threads); each session gets its own.</param>
    public ShapedSessions(Func<SessionOptions, InferenceSession> open, string source, (string Batch, string Height, string Width)? symbols, Func<SessionOptions> options)
    {
        _open = open;
        _source = source;
        _symbols = symbols;
        _options = options;
    }

    /// <summary>The session for one [1, 3, <paramref name="height"/>, <paramref name="width"/>] input, made on first use.</summary>
    /// <exception cref="InvalidDataException">ONNX Runtime cannot load the model; the message names it.</exception>
    public InferenceSession For(int width, int height)
    {
        lock (_gate)
        {
            if (_fixed is not null && _fixedSize == (width, height))
            {
                return _fixed;
            }

            if (_fixed is null && _symbolic is null && _symbols is { } names)
            {
                _fixedSize = (width, height);
                return _fixed = Create(options =>
                {
                    options.AddFreeDimensionOverrideByName(names.Batch, 1);
                    options.AddFreeDimensionOverrideByName(names.Height, height);
                    options.AddFreeDimensionOverrideByName(names.Width, width);
                });
            }

            return _symbolic ??= Create(_ => { });
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _fixed?.Dispose();
        _symbolic?.Dispose();
    }

    private InferenceSession Create(Action<SessionOptions> configure)
    {
        using var options = _options();
        configure(options);
        try
        {
            return _open(options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new InvalidDataException($"ONNX Runtime cannot load '{_source}': {e.Message}", e);
        }
    }
}
