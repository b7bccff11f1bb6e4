using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Degradations;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Blur;

/// <summary>
/// The report's data preparation: every sharp image blurred with every kernel, one (blurred, sharp) pair per
/// combination, so N images and K kernels give N*K rows (columns Path, Kernel, Sharp, Blurred). ML.NET transforms
/// map one row to one row, so this is a data-preparation step rather than a transform. Rows are produced lazily,
/// image by image, each time the data is read; an image's K blurs run in parallel.
/// </summary>
public static class BlurPairs
{
    /// <summary>Expands sharp images into all (image, kernel) pairs.</summary>
    /// <param name="context">The context.</param>
    /// <param name="sharpImages">Data with a packed image column (and optionally a text path column).</param>
    /// <param name="kernels">The kernels (default: the report's three Gaussians).</param>
    /// <param name="imageColumnName">The sharp image column.</param>
    /// <param name="pathColumnName">A text column naming each image; when absent rows are named "row N".</param>
    /// <param name="arithmetic">OpenCV-exact 8-bit (default) or float.</param>
    /// <param name="degradations">Applied to each blurred image after its kernel (noise, JPEG, random blur), with
    /// draws seeded by the sharp image, <paramref name="seed"/> and the kernel's position, so two pairs of one photo
    /// get different draws even when their kernels are equal (list the identity <c>custom:1x1:1</c> N times for N
    /// randomly degraded copies). Null: none.</param>
    /// <param name="seed">The seed of the degradation draws.</param>
    public static IDataView Expand(
        MLContext context,
        IDataView sharpImages,
        IReadOnlyList<BlurKernel>? kernels = null,
        string imageColumnName = "Image",
        string pathColumnName = "Path",
        BlurArithmetic arithmetic = BlurArithmetic.EightBit,
        DegradationChain? degradations = null,
        int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sharpImages);
        kernels ??= BlurKernels.ReportGaussians;
        if (kernels.Count == 0)
        {
            throw new ArgumentException("At least one kernel is needed.", nameof(kernels));
        }

        ImageColumn.Require(sharpImages.Schema, imageColumnName, "input");
        var path = sharpImages.Schema.GetColumnOrNull(pathColumnName);
        var recipe = new PairRecipe(kernels, arithmetic, degradations, seed);
        return context.Data.LoadFromEnumerable(new PairSequence(sharpImages, imageColumnName, path is { Type: TextDataViewType } ? pathColumnName : null, recipe));
    }

    private sealed record PairRecipe(IReadOnlyList<BlurKernel> Kernels, BlurArithmetic Arithmetic, DegradationChain? Degradations, int Seed)
    {
        public RgbImage Apply(RgbImage sharp, float[] sharpPacked, int k)
        {
            var blurred = ImageBlur.Apply(sharp, Kernels[k], Arithmetic);
            return Degradations is null ? blurred : Degradations.Apply(blurred, DegradationChain.SeedFor(sharpPacked, Seed, k));
        }

        public string Name(int k) => Degradations is null ? Kernels[k].Spec : $"{Kernels[k].Spec} then {Degradations.Spec}";
    }

    private sealed class PairSequence(IDataView data, string imageColumn, string? pathColumn, PairRecipe recipe)
        : IEnumerable<BlurPairRow>
    {
        public IEnumerator<BlurPairRow> GetEnumerator()
        {
            var image = data.Schema[imageColumn];
            var columns = pathColumn is null ? [image] : new[] { image, data.Schema[pathColumn] };
            using var cursor = data.GetRowCursor(columns);
            var imageGetter = cursor.GetGetter<VBuffer<float>>(image);
            var pathGetter = pathColumn is null ? null : cursor.GetGetter<ReadOnlyMemory<char>>(data.Schema[pathColumn]);
            VBuffer<float> packed = default;
            ReadOnlyMemory<char> pathValue = default;
            for (long row = 0; cursor.MoveNext(); row++)
            {
                imageGetter(ref packed);
                pathGetter?.Invoke(ref pathValue);
                string name = pathGetter is null ? $"row {row}" : pathValue.ToString();
                var sharp = ImageColumn.Unpack(packed, $"Column '{imageColumn}' {name}");
                float[] sharpPacked = PackedImage.Pack(sharp);
                var blurred = new float[recipe.Kernels.Count][];
                Parallel.For(0, recipe.Kernels.Count, k => blurred[k] = PackedImage.Pack(recipe.Apply(sharp, sharpPacked, k)));
                for (int k = 0; k < recipe.Kernels.Count; k++)
                {
                    yield return new BlurPairRow { Path = name, Kernel = recipe.Name(k), Sharp = sharpPacked, Blurred = blurred[k] };
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
