using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli;

/// <summary>Runs an image-to-image ONNX model once (after a warm-up) in a session with ONNX Runtime's profiler on and
/// moves the trace to the wanted file: where the time goes, operator by operator.</summary>
internal static class OnnxProfile
{
    public static void Write(OnnxModelChoice model, RgbImage image, int? threads, string tracePath)
    {
        using var options = new SessionOptions
        {
            EnableProfiling = true,
            ProfileOutputPathPrefix = Path.Combine(Path.GetTempPath(), "stripformer-profile"),
            IntraOpNumThreads = new DeblurOptions { IntraOpThreads = threads }.ResolvedIntraOpThreads, // as Deblur runs it
            InterOpNumThreads = 1,
        };

        using var session = new InferenceSession(model.ReadAllBytes(), options);
        string input = session.InputMetadata.Keys.Single();
        var tensor = new DenseTensor<float>(image.Pixels, [1, 3, image.Height, image.Width]);
        for (int i = 0; i < 2; i++)
        {
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
        }

        string written = session.EndProfiling();
        File.Move(written, tracePath, overwrite: true);
    }
}
