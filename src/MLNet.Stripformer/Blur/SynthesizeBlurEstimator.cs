using Microsoft.ML;
using Microsoft.ML.Runtime;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// Makes blurred copies of sharp images: the (blurred, sharp) pairs a deblurring network trains on. Gaussian kernels
/// match OpenCV's <c>GaussianBlur</c> bit for bit in the default 8-bit arithmetic; motion, disk and custom kernels are
/// supported too. Create it with <c>mlContext.Transforms.SynthesizeBlur(...)</c>.
/// </summary>
public sealed class SynthesizeBlurEstimator : IEstimator<SynthesizeBlurTransformer>
{
    private readonly IHostEnvironment _environment;
    private readonly MLContext _inner = new();
    private readonly SynthesizeBlurOptions _options;

    internal SynthesizeBlurEstimator(IHostEnvironment environment, SynthesizeBlurOptions options)
    {
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        ComponentRegistration.Register(environment);
    }

    /// <inheritdoc/>
    public SynthesizeBlurTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ImageColumn.Require(input.Schema, _options.InputColumnName, "input");
        int seed = _options.Seed ?? _environment.Register(nameof(SynthesizeBlurEstimator)).Rand.Next();
        var recipe = new BlurRecipe(_options.Kernels.ToList(), _options.Arithmetic, seed, _options.Degradations);
        var transformer = new SynthesizeBlurTransformer(
            BuildChain(recipe).Fit(input), _options.InputColumnName, recipe.Kernels, recipe.Arithmetic, seed, recipe.Degradations);
        return transformer;
    }

    /// <inheritdoc/>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var found = inputSchema.Where(c => c.Name == _options.InputColumnName).ToList();
        if (found.Count == 0)
        {
            throw new ArgumentException($"The input image column '{_options.InputColumnName}' is not in the data.");
        }

        var column = found[^1];

        if (column.Kind == SchemaShape.Column.VectorKind.Scalar || column.ItemType.RawType != typeof(float))
        {
            throw new ArgumentException($"The input image column '{_options.InputColumnName}' has type {column.ItemType}; an image column must be a vector of Single.");
        }

        return BuildChain(new BlurRecipe(_options.Kernels.ToList(), _options.Arithmetic, 0, _options.Degradations)).GetOutputSchema(inputSchema);
    }

    private IEstimator<ITransformer> BuildChain(BlurRecipe recipe)
    {
        var mapping = ConstantTextColumn.Create(_inner, BlurMappingFactory.RecipeColumnName, recipe.Text)
            .Append(_inner.Transforms.CustomMapping(new BlurMappingFactory().GetMapping(), BlurMappingFactory.ContractName));
        return ColumnMappingChain.Build(
            _inner.Transforms,
            [(_options.InputColumnName, BlurMappingFactory.ImageColumnName)],
            mapping,
            [(BlurMappingFactory.OutputColumnName, _options.OutputColumnName)],
            [BlurMappingFactory.RecipeColumnName]);
    }
}
