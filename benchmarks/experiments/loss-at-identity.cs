// Can the network leave the identity? Over-fits ONE fixed (blurred, sharp) pair from a fresh `seed` network with the
// residual output started at the exact identity, and prints the PSNR every 20 steps. With the mean squared error it
// learns within a few hundred steps; with the Charbonnier loss (eps 1e-3) it stays at the blurred input's PSNR.
// The pair: the centre 512x512 of PHOTO, averaged down 4x to 128x128, blurred by OpenCV's GaussianBlur(11, 1.6) (8-bit).
//
//   export STRIPFORMER_LIBTORCH_DIR=~/.nuget/packages/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native
//   dotnet run benchmarks/experiments/loss-at-identity.cs -- PHOTO mse|charbonnier LEARNING_RATE STEPS
#:project ../../src/MLNet.Stripformer.Torch/MLNet.Stripformer.Torch.csproj
#:property TreatWarningsAsErrors=false
using MLNet.Stripformer.Blur;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using static TorchSharp.torch;

TorchRuntime.Initialize();
TorchSharp.torch.set_num_threads(2);
string loss = args[1];
double learningRate = double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
int steps = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture);

const int Side = 128, Factor = 4;
var photo = ImageDecoder.Decode(args[0]);
var small = new RgbImage(Side, Side);
int left = (photo.Width - (Side * Factor)) / 2, top = (photo.Height - (Side * Factor)) / 2;
for (int c = 0; c < 3; c++)
{
    var plane = small.Plane(c);
    for (int y = 0; y < Side; y++)
    {
        for (int x = 0; x < Side; x++)
        {
            float sum = 0;
            for (int dy = 0; dy < Factor; dy++)
            {
                for (int dx = 0; dx < Factor; dx++)
                {
                    sum += photo[c, left + (x * Factor) + dx, top + (y * Factor) + dy];
                }
            }

            plane[(y * Side) + x] = MathF.Round(sum / (Factor * Factor) * 255) / 255;
        }
    }
}

var blurredImage = ImageBlur.Apply(small, BlurKernel.Gaussian(11, 1.6));
var sharp = tensor(small.Pixels, [1, 3, Side, Side]);
var blurred = tensor(blurredImage.Pixels, [1, 3, Side, Side]);
double Psnr(Tensor output) => 10 * Math.Log10(1 / (output.clamp(0, 1) - sharp).square().mean().item<float>());
Console.WriteLine($"blurred input: {Psnr(blurred):F3} dB; loss {loss}, Adam {learningRate}, {steps} steps");

manual_seed(1);
using var network = new StripformerNetwork(StripformerConfig.Seed with { Output = StripformerOutput.Residual });
network.StartAtIdentity();
var optimizer = optim.Adam(network.parameters(), learningRate);
for (int step = 1; step <= steps; step++)
{
    using var scope = NewDisposeScope();
    network.train();
    var difference = network.forward(blurred) - sharp;
    var value = loss == "mse" ? difference.square().mean() : (difference.square() + 1e-6).sqrt().mean();
    optimizer.zero_grad();
    value.backward();
    optimizer.step();
    if (step % 20 == 0)
    {
        network.eval();
        using var noGrad = no_grad();
        Console.WriteLine($"step {step}: loss {value.item<float>():G4}, PSNR {Psnr(network.forward(blurred)):F3} dB");
    }
}
