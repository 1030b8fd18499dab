using System.Numerics;

namespace LiftWing.Training.Linear;

/// <summary>
/// L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised features. Exact and
/// deterministic: no learning rate, no random initialisation, the same data give the same weights.
/// </summary>
internal static class LogisticRegressionTrainer
{
    /// <summary>The fitted parameters over standardised features.</summary>
    public sealed record Fit(double[] Weights, double Bias, int Iterations, double Loss);

    /// <summary>
    /// Fits <c>P(y=1|x) = σ(b + w·x)</c> minimising the weighted mean log-loss + <paramref name="l2"/>/2·‖w‖²
    /// (the bias is not penalised). <paramref name="x"/> rows must already be standardised.
    /// </summary>
    public static Fit Train(float[][] x, bool[] y, double[] sampleWeights, double l2, int maxIterations = 50, double tolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(sampleWeights);
        var n = x.Length;
        var d = x[0].Length;
        var p = d + 1; // last parameter is the bias
        var theta = new double[p];
        var totalWeight = sampleWeights.Sum();
        double loss = double.NaN;
        var iterations = 0;
        for (; iterations < maxIterations; iterations++)
        {
            var grad = new double[p];
            var hess = new double[p * p];
            loss = 0;
            var row = new double[p];
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < d; j++)
                {
                    row[j] = x[i][j];
                }

                row[d] = 1;
                var z = Dot(theta, row);
                var prob = Sigmoid(z);
                var w = sampleWeights[i] / totalWeight;
                var target = y[i] ? 1.0 : 0.0;
                loss += w * (y[i] ? Softplus(-z) : Softplus(z));
                var g = w * (prob - target);
                var h = w * Math.Max(prob * (1 - prob), 1e-12);
                for (var a = 0; a < p; a++)
                {
                    grad[a] += g * row[a];
                    var ha = h * row[a];
                    if (ha == 0)
                    {
                        continue;
                    }

                    // Lower triangle only; mirrored below. Element-wise multiply-add, so SIMD gives the same bits.
                    AddScaled(hess.AsSpan(a * p, a + 1), row.AsSpan(0, a + 1), ha);
                }
            }

            for (var a = 0; a < d; a++)
            {
                loss += 0.5 * l2 * theta[a] * theta[a];
                grad[a] += l2 * theta[a];
                hess[a * p + a] += l2;
            }

            hess[d * p + d] += 1e-9;
            for (var a = 0; a < p; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    hess[b * p + a] = hess[a * p + b];
                }
            }

            var step = CholeskySolve(hess, grad, p);
            var maxStep = 0.0;
            for (var a = 0; a < p; a++)
            {
                theta[a] -= step[a];
                maxStep = Math.Max(maxStep, Math.Abs(step[a]));
            }

            if (maxStep < tolerance)
            {
                iterations++;
                break;
            }
        }

        return new Fit(theta[..d], theta[d], iterations, loss);
    }

    private static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double scale)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vs = new Vector<double>(scale);
            for (; k <= target.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                (new Vector<double>(target[k..]) + (vs * new Vector<double>(source[k..]))).CopyTo(target[k..]);
            }
        }

        for (; k < target.Length; k++)
        {
            target[k] += scale * source[k];
        }
    }

    /// <summary>The logistic function.</summary>
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    // Solves H·s = g for a symmetric positive-definite H (row-major p×p).
    private static double[] CholeskySolve(double[] h, double[] g, int p)
    {
        var l = new double[p * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = h[i * p + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i * p + k] * l[j * p + k];
                }

                if (i == j)
                {
                    if (sum <= 0)
                    {
                        throw new InvalidOperationException("the Hessian is not positive definite; increase the L2 penalty.");
                    }

                    l[i * p + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i * p + j] = sum / l[j * p + j];
                }
            }
        }

        var y = new double[p];
        for (var i = 0; i < p; i++)
        {
            var sum = g[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i * p + k] * y[k];
            }

            y[i] = sum / l[i * p + i];
        }

        var s = new double[p];
        for (var i = p - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < p; k++)
            {
                sum -= l[k * p + i] * s[k];
            }

            s[i] = sum / l[i * p + i];
        }

        return s;
    }
}
