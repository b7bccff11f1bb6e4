using System.Numerics;

namespace MLNet.Stripformer.Baselines;

/// <summary>Two-dimensional DFT of a row-major [height, width] complex array, rows then columns.</summary>
internal sealed class Fft2D
{
    private readonly int _width;
    private readonly int _height;
    private readonly Fft _rows;
    private readonly Fft _columns;

    public Fft2D(int width, int height)
    {
        (_width, _height) = (width, height);
        _rows = new Fft(width);
        _columns = new Fft(height);
    }

    public void Transform(Complex[] data, bool inverse)
    {
        for (int y = 0; y < _height; y++)
        {
            _rows.Transform(data.AsSpan(y * _width, _width), inverse);
        }

        var column = new Complex[_height];
        for (int x = 0; x < _width; x++)
        {
            for (int y = 0; y < _height; y++)
            {
                column[y] = data[(y * _width) + x];
            }

            _columns.Transform(column, inverse);
            for (int y = 0; y < _height; y++)
            {
                data[(y * _width) + x] = column[y];
            }
        }
    }

    /// <summary>The transfer function of a small filter (row-major [kh, kw]) on this grid: the filter placed with
    /// its centre (index kw/2, kh/2) at the origin, wrapping around, then transformed (scikit-image's
    /// <c>ir2tf</c>).</summary>
    public Complex[] TransferFunction(IReadOnlyList<float> weights, int kernelWidth, int kernelHeight)
    {
        var grid = new Complex[_width * _height];
        for (int ky = 0; ky < kernelHeight; ky++)
        {
            for (int kx = 0; kx < kernelWidth; kx++)
            {
                int x = Modulo(kx - (kernelWidth / 2), _width), y = Modulo(ky - (kernelHeight / 2), _height);
                grid[(y * _width) + x] += weights[(ky * kernelWidth) + kx];
            }
        }

        Transform(grid, inverse: false);
        return grid;
    }

    private static int Modulo(int value, int modulus) => ((value % modulus) + modulus) % modulus;
}
