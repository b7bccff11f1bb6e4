using System.Reflection;
using Microsoft.ML;

namespace MLNet.Stripformer;

/// <summary>
/// Finds the <see cref="MLContext"/> behind an ML.NET catalog. ML.NET keeps it in an internal interface
/// (<c>IInternalCatalog.Environment</c>), so third-party extension methods such as
/// <c>mlContext.Transforms.SynthesizeBlur(...)</c> read it by reflection, once per catalog type.
/// </summary>
internal static class CatalogContext
{
    public static MLContext Of(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        PropertyInfo? property = catalog.GetType().GetInterfaces()
            .Where(i => i.Name == "IInternalCatalog")
            .Select(i => i.GetProperty("Environment", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .FirstOrDefault(p => p is not null);
        return property?.GetValue(catalog) as MLContext
            ?? throw new InvalidOperationException(
                $"Cannot find the MLContext behind {catalog.GetType().Name}; this version of ML.NET is not supported.");
    }
}
