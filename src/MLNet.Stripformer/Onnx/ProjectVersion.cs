using System.Reflection;

namespace MLNet.Stripformer.Onnx;

/// <summary>The library's version as written into model metadata.</summary>
internal static class ProjectVersion
{
    /// <summary>The informational version without the source-revision suffix, e.g. <c>0.1.0</c>.</summary>
    public static string Current { get; } =
        (typeof(ProjectVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
