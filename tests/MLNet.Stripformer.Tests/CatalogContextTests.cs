using System.Reflection;
using Microsoft.ML;

namespace MLNet.Stripformer.Tests;

/// <summary>
/// The library reads three things ML.NET keeps internal (the environment behind a catalog, the GPU settings and the
/// cancel flag); these tests fail with a clear message if an ML.NET update moves them.
/// </summary>
public sealed class CatalogContextTests
{
    [Fact]
    public void The_environment_behind_a_catalog_is_the_users_context()
    {
        var ml = new MLContext(seed: 5);
        Assert.Same(CatalogContext.Of(ml.Data), CatalogContext.Of(ml.Transforms));
        Assert.NotSame(CatalogContext.Of(new MLContext(seed: 5).Transforms), CatalogContext.Of(ml.Transforms));
    }

    [Fact]
    public void The_gpu_settings_are_read_from_the_context()
    {
        var ml = new MLContext { GpuDeviceId = 3, FallbackToCpu = false };
        Assert.Equal((3, false), CatalogContext.GpuSettings(CatalogContext.Of(ml.Transforms)));
        Assert.Equal((null, false), CatalogContext.GpuSettings(CatalogContext.Of(new MLContext().Transforms))); // ML.NET's defaults
    }

    [Fact]
    public void The_cancel_flag_is_read_from_the_context()
    {
        var ml = new MLContext();
        var isCanceled = CatalogContext.CancelFlag(CatalogContext.Of(ml.Transforms));
        Assert.False(isCanceled());
        Cancel(ml);
        Assert.True(isCanceled(), "ML.NET moved its ICancelable.IsCanceled flag: update CatalogContext.CancelFlag.");
    }

    /// <summary><c>MLContext.CancelExecution()</c>, which ML.NET makes public only through Microsoft.ML.Experimental.</summary>
    private static void Cancel(MLContext context)
    {
        var method = typeof(MLContext).GetMethod("CancelExecution", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.True(method is not null, "MLContext.CancelExecution() is gone from this ML.NET version.");
        method!.Invoke(context, null);
    }
}
