using Microsoft.Extensions.DependencyInjection;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Orleans;

/// <summary>Makes a silo a deblurring worker.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds the deblurring workers and the silo's one scoring session (the default model unless
    /// <paramref name="modelPath"/> names an ONNX file), made when the first job arrives.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="modelPath">An ONNX model, or null for the library's default model.</param>
    /// <param name="options">Device, threads and tiling; null for the defaults.</param>
    public static ISiloBuilder AddStripformerWorker(this ISiloBuilder builder, string? modelPath = null, DeblurOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(_ => modelPath is null ? new ImageDeblurrer(options) : new ImageDeblurrer(modelPath, options));
        return builder;
    }
}
