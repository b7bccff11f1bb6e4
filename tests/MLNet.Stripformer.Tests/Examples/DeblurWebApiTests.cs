using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Tests.Examples;

/// <summary>Issue 18: <c>examples/DeblurWebApi</c> end to end over HTTP (an in-memory test server).</summary>
public sealed class DeblurWebApiTests : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly WebApplicationFactory<Program> _factory;

    public DeblurWebApiTests(WebApplicationFactory<Program> factory) => _factory = factory;

    private static byte[] Png(RgbImage image)
    {
        using var stream = new MemoryStream();
        ImageEncoder.SavePng(image, stream);
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PostAsync(new Uri("/deblur", UriKind.Relative), content);
    }

    [Fact]
    public async Task A_posted_image_comes_back_deblurred_as_png_and_concurrent_requests_give_the_single_request_pixels()
    {
        var images = new[] { TestImages.Noise(48, 32, 1), TestImages.Noise(40, 44, 2) };
        using var client = _factory.CreateClient();
        var single = new List<byte[]>();
        foreach (var image in images)
        {
            using var response = await Post(client, Png(image));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            single.Add(await response.Content.ReadAsByteArrayAsync());
        }

        // The pixels of the library's own Deblur on the same (8-bit) file, rounded to 8 bits.
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(images.Select(i => new TestImages.ImageRow { Image = PackedImage.Pack(ImageDecoder.Decode(Png(i), "posted")) }));
        var expected = ImageColumn.Read(ml.Transforms.Deblur("Deblurred", "Image").Fit(data).Transform(data), "Deblurred").ToList();
        for (int i = 0; i < images.Length; i++)
        {
            var returned = ImageDecoder.Decode(single[i], "response");
            float worst = expected[i].Pixels.Zip(returned.Pixels).Max(p => Math.Abs(p.First - p.Second));
            Assert.True(worst <= 0.5f / 255f + 1e-6f, $"image {i}: {worst * 255} levels from the library's Deblur");
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(async k =>
        {
            using var response = await Post(client, Png(images[k % 2]));
            return (k % 2, await response.Content.ReadAsByteArrayAsync());
        }));
        Assert.All(concurrent, r => Assert.Equal(single[r.Item1], r.Item2));
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_gets_a_400_that_says_why()
    {
        using var client = _factory.CreateClient();
        using var response = await Post(client, "this is not an image"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the upload", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_the_size_limit_is_refused()
    {
        using var client = _factory.CreateClient();
        using var response = await Post(client, new byte[DeblurService.MaxUploadBytes + 1]);
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"status {response.StatusCode}");
    }
}
