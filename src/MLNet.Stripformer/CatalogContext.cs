using System.Reflection;
using Microsoft.ML.Runtime;

namespace MLNet.Stripformer;

/// <summary>
/// Finds the host environment behind an ML.NET catalog. ML.NET keeps it behind an internal interface
/// (<c>IInternalCatalog.Environment</c>), so third-party extension methods such as
/// <c>mlContext.Transforms.SynthesizeBlur(...)</c> read it by reflection. It carries the context's seed (through
/// <see cref="IHost.Rand"/>) and its component catalog. Every use of ML.NET internals is in this file;
/// <c>CatalogContextTests</c> fails with a clear message if an ML.NET update moves one.
/// </summary>
internal static class CatalogContext
{
    public static IHostEnvironment Of(object catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        PropertyInfo? property = catalog.GetType().GetInterfaces()
            .Where(i => i.Name == "IInternalCatalog")
            .Select(i => i.GetProperty("Environment", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            .FirstOrDefault(p => p is not null);
        return property?.GetValue(catalog) as IHostEnvironment
            ?? throw new InvalidOperationException(
                $"Cannot find the ML.NET environment behind {catalog.GetType().Name}; this version of ML.NET is not supported.");
    }

    /// <summary>A check of whether <c>MLContext.CancelExecution()</c> (public through Microsoft.ML.Experimental) was
    /// called on the context behind <paramref name="environment"/> (an environment from <see cref="Of"/>): ML.NET keeps
    /// the flag behind its internal <c>ICancelable</c>, found here once. The check says false when it cannot be read.</summary>
    public static Func<bool> CancelFlag(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var property = environment.GetType().GetInterfaces().FirstOrDefault(i => i.Name == "ICancelable")?.GetProperty("IsCanceled");
        return property is null ? () => false : () => property.GetValue(environment) is true;
    }

    /// <summary>The environment's GPU settings (<c>MLContext.GpuDeviceId</c> and <c>FallbackToCpu</c>), which ML.NET
    /// keeps behind the internal <c>IHostEnvironmentInternal</c>; (null, true) when they cannot be read.</summary>
    public static (int? GpuDeviceId, bool FallbackToCpu) GpuSettings(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var settings = environment.GetType().GetInterfaces().FirstOrDefault(i => i.Name == "IHostEnvironmentInternal");
        object? device = settings?.GetProperty("GpuDeviceId")?.GetValue(environment);
        object? fallback = settings?.GetProperty("FallbackToCpu")?.GetValue(environment);
        return (device as int?, fallback as bool? ?? true);
    }
}
