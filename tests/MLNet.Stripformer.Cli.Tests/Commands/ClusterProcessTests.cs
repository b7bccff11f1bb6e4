using System.Net;
using System.Net.Sockets;
using MLNet.Stripformer.Cli.Tests.Support;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Cli.Tests.Commands;

/// <summary>Issue 20.3: two <c>stripformer worker</c> processes and a <c>submit</c> client on loopback; one worker is
/// killed mid-run, and every image still gets exactly one output, equal to a single machine's.</summary>
public sealed class ClusterProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Two_workers_and_a_client_with_one_worker_killed_mid_run_write_every_image_once()
    {
        int[] ports = FreePorts(4);
        string input = Path.Combine(_temp.Path, "in"), output = Path.Combine(_temp.Path, "out");
        Directory.CreateDirectory(input);
        for (int i = 0; i < 30; i++)
        {
            ImageEncoder.Save(TestImages.Noise(96, 64 + (i % 3), i + 1), Path.Combine(input, $"img{i:D2}.png"));
        }

        string[] worker = ["worker", "--threads", "1", "--device", "cpu"];
        var first = CliProcess.Start([.. worker, "--silo-port", $"{ports[0]}", "--gateway-port", $"{ports[1]}"]);
        RunningCli? second = null;
        try
        {
            WaitForPort(ports[1]);
            second = CliProcess.Start([.. worker, "--silo-port", $"{ports[2]}", "--gateway-port", $"{ports[3]}", "--primary", $"127.0.0.1:{ports[0]}"]);
            WaitForPort(ports[3]);

            var submit = CliProcess.Start("submit", input, output, "--gateways", $"127.0.0.1:{ports[1]},127.0.0.1:{ports[3]}", "--concurrency", "4");
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && (!Directory.Exists(output) || Directory.GetFiles(output, "*.png").Length < 4))
            {
                Thread.Sleep(20);
            }

            second.Signal("KILL");
            var (code, text, error) = submit.Finish();
            Assert.True(code == 0, error);
            Assert.Matches(@"Wrote \d+ deblurred image\(s\); \d+ existed already", text);

            var files = Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal);
            Assert.Equal(Enumerable.Range(0, 30).Select(i => $"img{i:D2}.png"), files); // each once, no temporaries
            using var local = new ImageDeblurrer(new DeblurOptions { IntraOpThreads = 1 });
            foreach (string file in Directory.GetFiles(input))
            {
                using var expected = new MemoryStream();
                ImageEncoder.SavePng(local.Deblur(ImageDecoder.Decode(file)), expected);
                Assert.Equal(expected.ToArray(), File.ReadAllBytes(Path.Combine(output, Path.GetFileName(file))));
            }
        }
        finally
        {
            first.Signal("TERM");
            first.Finish();
            if (second is not null)
            {
                second.Signal("KILL");
                second.Finish();
            }
        }
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        int[] ports = [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static void WaitForPort(int port)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
        }
    }
}
