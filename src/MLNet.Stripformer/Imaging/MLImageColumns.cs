using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;
using MLNet.Stripformer.Persistence;

namespace MLNet.Stripformer.Imaging;

/// <summary>
/// Between ML.NET image columns and the packed columns the transforms run on, as steps that save and load with the
/// model. <see cref="ToPacked"/> fits its steps one by one on the data: ML.NET 5.0.1 refuses a custom mapping of an image column inside an
/// <c>EstimatorChain</c> ("expected Image, got Image": its schema-shape check of image types fails), while fitting
/// the mapping on the data itself passes.
/// </summary>
internal static class MLImageColumns
{
    /// <summary>A transformer adding <paramref name="packedColumnName"/>, the packed image of <paramref name="imageColumnName"/>.</summary>
    /// <param name="context">The context the steps are made with.</param>
    /// <param name="input">The data it is fitted on.</param>
    /// <param name="imageColumnName">An ML.NET image column (any size).</param>
    /// <param name="packedColumnName">The packed column to add.</param>
    public static ITransformer ToPacked(MLContext context, IDataView input, string imageColumnName, string packedColumnName)
    {
        if (input.Schema[imageColumnName].Type is ImageDataViewType { Height: > 0 } sized)
        {
            // One size (ResizeImages): ML.NET's own ExtractPixels reads it; the size goes along as a constant.
            return context.Transforms.ExtractPixels(PlanesToPackedMappingFactory.PlanesColumnName, imageColumnName, scaleImage: 1f / 255)
                .Append(ConstantTextColumn.Create(context, PlanesToPackedMappingFactory.SizeColumnName, FormattableString.Invariant($"{sized.Height},{sized.Width}")))
                .Append(context.Transforms.CustomMapping(new PlanesToPackedMappingFactory().GetMapping(), PlanesToPackedMappingFactory.ContractName))
                .Append(context.Transforms.CopyColumns(packedColumnName, PlanesToPackedMappingFactory.OutputColumnName))
                .Append(context.Transforms.DropColumns(PlanesToPackedMappingFactory.PlanesColumnName, PlanesToPackedMappingFactory.SizeColumnName, PlanesToPackedMappingFactory.OutputColumnName))
                .Fit(input);
        }

        var rename = context.Transforms.CopyColumns(ImageToPackedMappingFactory.InputColumnName, imageColumnName).Fit(input);
        var renamed = rename.Transform(input);
        var map = context.Transforms.CustomMapping(new ImageToPackedMappingFactory().GetMapping(), ImageToPackedMappingFactory.ContractName).Fit(renamed);
        var mapped = map.Transform(renamed);
        var tidy = context.Transforms.CopyColumns(packedColumnName, ImageToPackedMappingFactory.OutputColumnName)
            .Append(context.Transforms.DropColumns(ImageToPackedMappingFactory.InputColumnName, ImageToPackedMappingFactory.OutputColumnName))
            .Fit(mapped);
        return new TransformerChain<ITransformer>(rename, map, tidy);
    }

    /// <summary>An estimator adding <paramref name="imageColumnName"/>, the ML.NET image (8-bit, opaque) of the packed
    /// <paramref name="packedColumnName"/>.</summary>
    /// <param name="context">The context the steps are made with.</param>
    /// <param name="packedColumnName">A packed image column.</param>
    /// <param name="imageColumnName">The image column to add.</param>
    public static IEstimator<ITransformer> FromPacked(MLContext context, string packedColumnName, string imageColumnName) =>
        context.Transforms.CopyColumns(PackedToImageMappingFactory.InputColumnName, packedColumnName)
            .Append(context.Transforms.CustomMapping(new PackedToImageMappingFactory().GetMapping(), PackedToImageMappingFactory.ContractName))
            .Append(context.Transforms.CopyColumns(imageColumnName, PackedToImageMappingFactory.OutputColumnName))
            .Append(context.Transforms.DropColumns(PackedToImageMappingFactory.InputColumnName, PackedToImageMappingFactory.OutputColumnName));
}
