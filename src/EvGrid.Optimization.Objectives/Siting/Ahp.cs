using System.Globalization;

namespace EvGrid.Optimization.Objectives.Siting;

/// <summary>Weights from the analytic hierarchy process with their consistency figures.</summary>
/// <param name="Weights">Principal eigenvector normalised to sum 1.</param>
/// <param name="LambdaMax">Principal eigenvalue λ_max.</param>
/// <param name="ConsistencyIndex">CI = (λ_max − n)/(n − 1).</param>
/// <param name="ConsistencyRatio">CR = CI / RI(n) (0 for n ≤ 2).</param>
public sealed record AhpResult(IReadOnlyList<double> Weights, double LambdaMax, double ConsistencyIndex, double ConsistencyRatio);

/// <summary>
/// The analytic hierarchy process seed 002 §4.1 uses for w1–w4 (its ref. 18): weights are the principal eigenvector of
/// a positive reciprocal pairwise-comparison matrix (power iteration, which converges for positive matrices by
/// Perron–Frobenius), and a consistency ratio above 0.1 is an error.
/// </summary>
public static class Ahp
{
    /// <summary>The largest consistency ratio accepted (Saaty).</summary>
    public const double MaxConsistencyRatio = 0.1;

    // Saaty's random consistency index RI(n), n = 1 … 10.
    private static readonly double[] RandomIndex = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

    /// <summary>
    /// The comparison matrix that reproduces seed 002's weights (0.375, 0.125, 0.125, 0.375): profit and charging
    /// satisfaction equally important and each three times as important as voltage quality and load fluctuation
    /// (consistent, CR = 0).
    /// </summary>
    public static double[,] Seed002Matrix => new[,]
    {
        { 1, 3, 3, 1 },
        { 1 / 3.0, 1, 1, 1 / 3.0 },
        { 1 / 3.0, 1, 1, 1 / 3.0 },
        { 1, 3, 3, 1 },
    };

    /// <summary>Weights of a pairwise-comparison matrix.</summary>
    /// <param name="matrix">n × n (1 ≤ n ≤ 10), positive, a_ii = 1, a_ji = 1 / a_ij (within 1e-6 relative).</param>
    /// <returns>The weights and consistency figures.</returns>
    /// <exception cref="ArgumentException">The matrix is malformed, or its consistency ratio exceeds 0.1 (the message gives it).</exception>
    public static AhpResult Weights(double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var n = matrix.GetLength(0);
        if (n < 1 || n != matrix.GetLength(1) || n > RandomIndex.Length)
        {
            throw new ArgumentException($"The comparison matrix must be square with 1 to {RandomIndex.Length} rows, got {matrix.GetLength(0)} × {matrix.GetLength(1)}.", nameof(matrix));
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var a = matrix[i, j];
                if (!(a > 0) || double.IsInfinity(a))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"matrix[{i},{j}] must be finite and > 0, got {a}."), nameof(matrix));
                }

                if (Math.Abs((a * matrix[j, i]) - 1) > 1e-6)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"matrix[{j},{i}] must be 1 / matrix[{i},{j}] = {1 / a}, got {matrix[j, i]}."), nameof(matrix));
                }
            }
        }

        var w = new double[n];
        var next = new double[n];
        Array.Fill(w, 1.0 / n);
        var lambda = 0.0;
        for (var it = 0; it < 10_000; it++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                var s = 0.0;
                for (var j = 0; j < n; j++)
                {
                    s += matrix[i, j] * w[j];
                }

                next[i] = s;
                sum += s;
            }

            lambda = sum; // w sums to 1, so Σ (A w)_i → λ_max
            var change = 0.0;
            for (var i = 0; i < n; i++)
            {
                var v = next[i] / sum;
                change = Math.Max(change, Math.Abs(v - w[i]));
                w[i] = v;
            }

            if (change < 1e-15)
            {
                break;
            }
        }

        var ci = n > 1 ? (lambda - n) / (n - 1) : 0.0;
        var cr = n > 2 ? Math.Max(0, ci) / RandomIndex[n - 1] : 0.0;
        if (cr > MaxConsistencyRatio)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The comparison matrix is inconsistent: consistency ratio {cr:F4} > {MaxConsistencyRatio} (λ_max = {lambda:F4}, n = {n}); revise the judgements."), nameof(matrix));
        }

        return new AhpResult(w, lambda, ci, cr);
    }
}
