using System.Numerics;

namespace MLNet.Stripformer.Baselines;

/// <summary>
/// Discrete Fourier transforms of any length in double precision: iterative radix-2 for powers of two, Bluestein's
/// chirp-z algorithm (through a radix-2 transform of at least 2n - 1 points) otherwise. Unnormalised forward
/// transform, inverse divided by n, as numpy's <c>fft</c>/<c>ifft</c>.
/// </summary>
internal sealed class Fft
{
    private readonly int _length;
    private readonly Complex[]? _chirp;
    private readonly Complex[]? _filter;
    private readonly Complex[] _work;

    /// <summary>Prepares transforms of <paramref name="length"/> points.</summary>
    public Fft(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        _length = length;
        if (IsPowerOfTwo(length))
        {
            _work = [];
            return;
        }

        // Bluestein: x_k w_k convolved with conj(w), w_k = exp(-i pi k^2 / n).
        int size = 1;
        while (size < (2 * length) - 1)
        {
            size <<= 1;
        }

        _chirp = new Complex[length];
        for (int k = 0; k < length; k++)
        {
            long square = (long)k * k % (2L * length);
            _chirp[k] = Complex.FromPolarCoordinates(1, -Math.PI * square / length);
        }

        _filter = new Complex[size];
        _filter[0] = Complex.Conjugate(_chirp[0]);
        for (int k = 1; k < length; k++)
        {
            _filter[k] = _filter[size - k] = Complex.Conjugate(_chirp[k]);
        }

        Radix2(_filter, inverse: false);
        _work = new Complex[size];
    }

    /// <summary>Transforms <paramref name="data"/> in place (forward, or inverse divided by the length).</summary>
    public void Transform(Span<Complex> data, bool inverse)
    {
        if (data.Length != _length)
        {
            throw new ArgumentException($"Expected {_length} points, got {data.Length}.", nameof(data));
        }

        if (inverse)
        {
            Conjugate(data);
        }

        if (_chirp is null)
        {
            Radix2(data, inverse: false);
        }
        else
        {
            Bluestein(data);
        }

        if (inverse)
        {
            Conjugate(data);
            double scale = 1.0 / _length;
            for (int i = 0; i < data.Length; i++)
            {
                data[i] *= scale;
            }
        }
    }

    private void Bluestein(Span<Complex> data)
    {
        Array.Clear(_work);
        for (int k = 0; k < _length; k++)
        {
            _work[k] = data[k] * _chirp![k];
        }

        Radix2(_work, inverse: false);
        for (int i = 0; i < _work.Length; i++)
        {
            _work[i] *= _filter![i];
        }

        Radix2(_work, inverse: true);
        double scale = 1.0 / _work.Length;
        for (int k = 0; k < _length; k++)
        {
            data[k] = _work[k] * scale * _chirp![k];
        }
    }

    private static void Radix2(Span<Complex> data, bool inverse)
    {
        int n = data.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (data[i], data[j]) = (data[j], data[i]);
            }
        }

        for (int span = 2; span <= n; span <<= 1)
        {
            double angle = (inverse ? 2 : -2) * Math.PI / span;
            int half = span / 2;
            for (int k = 0; k < half; k++)
            {
                var twiddle = Complex.FromPolarCoordinates(1, angle * k);
                for (int start = k; start < n; start += span)
                {
                    var odd = data[start + half] * twiddle;
                    data[start + half] = data[start] - odd;
                    data[start] += odd;
                }
            }
        }
    }

    private static void Conjugate(Span<Complex> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Complex.Conjugate(data[i]);
        }
    }

    private static bool IsPowerOfTwo(int n) => (n & (n - 1)) == 0;
}
