using Microsoft.ML.Runtime;

namespace MLNet.Stripformer;

/// <summary>Registers this assembly's custom-mapping factories with an environment's component catalog, so that
/// ML.NET finds them by contract name when a saved model is loaded, and lets plain <c>MLImage</c> properties stand
/// for image columns of any size.</summary>
internal static class ComponentRegistration
{
    public static void Register(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.ComponentCatalog.RegisterAssembly(typeof(ComponentRegistration).Assembly);
        Imaging.MLImageConversion.RegisterImageType();
    }
}
