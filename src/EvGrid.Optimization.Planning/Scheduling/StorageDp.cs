namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>
/// Exact solver of one V2G EV's subproblems over its relaxed feasible set X_i = {(c, d): 0 ≤ c_k ≤ C_k,
/// 0 ≤ d_k ≤ D_k, lo_k ≤ s_0 + Σ_{j&lt;k} (α c_j − β d_j) ≤ hi_k} (α = η_c·Δt, β = Δt/η_d, s in kWh): either the
/// projection <c>min Σ_k (c_k − d_k − y_k)²</c> or the linear programme <c>min Σ_k g_k (c_k − d_k)</c>.
/// </summary>
/// <remarks>
/// Backward dynamic programming on the stored energy s. The value function V_k(s) of the steps k..n−1 is convex in
/// s; it is carried as the graph of its derivative's inverse, a monotone polyline s(λ) with constant tails (λ the
/// marginal value of stored energy, kW-objective units per kWh). A step adds the battery change x_k, whose per-step
/// cost φ_k(x) = min over (c, d) with α c − β d = x is convex; the infimal convolution of convex functions adds the
/// inverse-derivative graphs, s(λ) = s_{k+1}(λ) − x_k(−λ), and the SOC bounds clamp the sum. Every graph is piecewise
/// linear with breakpoints known in closed form, so the recursion is exact (no discretisation); the forward pass
/// reads the optimal x_k off the stored sums. A step adds at most 22 points, so one solve costs O(n²) for n steps.
/// </remarks>
internal sealed class StorageDp
{
    private readonly int _cap;
    private readonly double[] _uLambda;
    private readonly double[] _uS;
    private readonly double[] _uZ;
    private readonly int[] _uLen;
    private readonly double[] _gLambda;
    private readonly double[] _gS;
    private readonly double[] _nLambda;
    private readonly double[] _nS;
    private readonly double[] _hMu = new double[12];
    private readonly double[] _hX = new double[12];
    private readonly double[] _cand = new double[4];

    public StorageDp(int maxSteps)
    {
        // A step adds at most 9 distinct slopes (the projection's breakpoints) and the clamp 2 more; each distinct slope
        // carries at most 2 points, so a graph never exceeds 22·n + 2 points.
        _cap = (24 * (maxSteps + 2)) + 8;
        _uLambda = new double[maxSteps * _cap];
        _uS = new double[maxSteps * _cap];
        _uZ = new double[maxSteps * _cap];
        _uLen = new int[maxSteps];
        _gLambda = new double[_cap];
        _gS = new double[_cap];
        _nLambda = new double[_cap];
        _nS = new double[_cap];
    }

    /// <summary>
    /// Solves one subproblem and writes the optimal c and d (kW) per step.
    /// </summary>
    /// <param name="n">Steps.</param>
    /// <param name="chargeCap">C_k (kW).</param>
    /// <param name="dischargeCap">D_k (kW).</param>
    /// <param name="coef">y_k (projection target, kW) or g_k (linear cost per kW).</param>
    /// <param name="linear">True for the linear programme, false for the projection.</param>
    /// <param name="alpha">η_c·Δt (kWh per kW charged).</param>
    /// <param name="beta">Δt/η_d (kWh per kW discharged).</param>
    /// <param name="s0">Stored energy at plug-in (kWh).</param>
    /// <param name="lo">Lower bound on the stored energy after each step (kWh).</param>
    /// <param name="hi">Upper bound after each step (kWh).</param>
    /// <param name="c">Charging kW per step (output).</param>
    /// <param name="d">Discharging kW per step (output).</param>
    /// <returns>False when the SOC bounds leave no feasible path.</returns>
    public bool Solve(int n, ReadOnlySpan<double> chargeCap, ReadOnlySpan<double> dischargeCap, ReadOnlySpan<double> coef,
        bool linear, double alpha, double beta, double s0, ReadOnlySpan<double> lo, ReadOnlySpan<double> hi,
        Span<double> c, Span<double> d)
    {
        // Terminal graph: indicator of [lo_n, hi_n].
        var gLen = 2;
        _gLambda[0] = 0;
        _gS[0] = lo[n - 1];
        _gLambda[1] = 0;
        _gS[1] = hi[n - 1];
        for (var k = n - 1; k >= 0; k--)
        {
            var hLen = linear
                ? LinearStep(coef[k], chargeCap[k], dischargeCap[k], alpha, beta)
                : QuadraticStep(coef[k], chargeCap[k], dischargeCap[k], alpha, beta);
            var uLen = Merge(gLen, hLen, k);
            _uLen[k] = uLen;
            if (k == 0)
            {
                break;
            }

            gLen = Clamp(k, uLen, lo[k - 1], hi[k - 1]);
            if (gLen == 0)
            {
                return false;
            }
        }

        var s = s0;
        for (var k = 0; k < n; k++)
        {
            var z = Locate(k, s, out var ok);
            if (!ok && k == 0)
            {
                return false;
            }

            var x = z - s;
            Recover(x, coef[k], chargeCap[k], dischargeCap[k], alpha, beta, linear, out c[k], out d[k]);
            s = z;
        }

        return true;
    }

    /// <summary>Inverse derivative x(μ) of the projection step cost (μ ↦ argmin_x φ(x) − μ x) as a polyline.</summary>
    private int QuadraticStep(double y, double cap, double dcap, double alpha, double beta)
    {
        var p0 = cap - dcap;
        var len = 0;

        // μ < 0: energy has negative value; the relaxation may charge and discharge at once.
        var m = 0;
        AddIfNegative(ref m, 2 * (p0 - y) / alpha);
        AddIfNegative(ref m, 2 * (-dcap - y) / alpha);
        AddIfNegative(ref m, 2 * (p0 - y) / beta);
        AddIfNegative(ref m, 2 * (cap - y) / beta);
        SortSmall(m);
        for (var j = 0; j < m; j++)
        {
            _hMu[len] = _cand[j];
            _hX[len++] = XNegative(_cand[j], y, cap, dcap, alpha, beta);
        }

        _hMu[len] = 0;
        _hX[len++] = XNegative(0, y, cap, dcap, alpha, beta);
        _hMu[len] = 0;
        _hX[len++] = XPositive(0, y, cap, dcap, alpha, beta);
        m = 0;
        AddIfPositive(ref m, -2 * y / alpha);
        AddIfPositive(ref m, 2 * (cap - y) / alpha);
        AddIfPositive(ref m, -2 * y / beta);
        AddIfPositive(ref m, -2 * (dcap + y) / beta);
        SortSmall(m);
        for (var j = 0; j < m; j++)
        {
            _hMu[len] = _cand[j];
            _hX[len++] = XPositive(_cand[j], y, cap, dcap, alpha, beta);
        }

        return len;
    }

    private static double XPositive(double mu, double y, double cap, double dcap, double alpha, double beta)
    {
        var a = y + (mu * alpha / 2);
        var b = y + (mu * beta / 2);
        double p;
        if (a > 0)
        {
            p = Math.Min(a, cap);
        }
        else if (b < 0)
        {
            p = Math.Max(b, -dcap);
        }
        else
        {
            p = 0;
        }

        return p >= 0 ? alpha * p : beta * p;
    }

    private static double XNegative(double mu, double y, double cap, double dcap, double alpha, double beta)
    {
        var p0 = cap - dcap;
        var a = y + (mu * alpha / 2);
        var b = y + (mu * beta / 2);
        double p;
        if (a <= p0)
        {
            p = Math.Max(a, -dcap);
        }
        else if (b >= p0)
        {
            p = Math.Min(b, cap);
        }
        else
        {
            p = p0;
        }

        var dd = Math.Min(dcap, cap - p);
        return (alpha * (p + dd)) - (beta * dd);
    }

    /// <summary>Inverse derivative of the linear step cost: a staircase with jumps at μ = g/β and μ = g/α.</summary>
    private int LinearStep(double g, double cap, double dcap, double alpha, double beta)
    {
        var b1 = Math.Min(g / alpha, g / beta);
        var b2 = Math.Max(g / alpha, g / beta);
        var xl = XLinear(b1 - 1 - Math.Abs(b1), g, cap, dcap, alpha, beta);
        var xr = XLinear(b2 + 1 + Math.Abs(b2), g, cap, dcap, alpha, beta);
        if (b1 == b2)
        {
            _hMu[0] = b1;
            _hX[0] = xl;
            _hMu[1] = b1;
            _hX[1] = xr;
            return 2;
        }

        var xm = XLinear((b1 + b2) / 2, g, cap, dcap, alpha, beta);
        _hMu[0] = b1;
        _hX[0] = xl;
        _hMu[1] = b1;
        _hX[1] = xm;
        _hMu[2] = b2;
        _hX[2] = xm;
        _hMu[3] = b2;
        _hX[3] = xr;
        return 4;
    }

    private static double XLinear(double mu, double g, double cap, double dcap, double alpha, double beta)
        => (mu * alpha > g ? alpha * cap : 0) - (mu * beta < g ? beta * dcap : 0);

    /// <summary>U_k(λ) = G_{k+1}(λ) − x_k(−λ): adds the two monotone graphs, keeping G's part as z.</summary>
    private int Merge(int gLen, int hLen, int k)
    {
        // K(λ) = −x(−λ): reverse the step polyline.
        for (var j = 0; j < hLen; j++)
        {
            _nLambda[j] = -_hMu[hLen - 1 - j];
            _nS[j] = -_hX[hLen - 1 - j];
        }

        var off = k * _cap;
        var len = 0;
        int ia = 0, ib = 0;
        while (ia < gLen || ib < hLen)
        {
            double v;
            if (ib >= hLen || (ia < gLen && _gLambda[ia] <= _nLambda[ib]))
            {
                v = _gLambda[ia];
            }
            else
            {
                v = _nLambda[ib];
            }

            Interval(_gLambda, _gS, gLen, ref ia, v, out var aLo, out var aHi);
            Interval(_nLambda, _nS, hLen, ref ib, v, out var bLo, out var bHi);
            _uLambda[off + len] = v;
            _uS[off + len] = aLo + bLo;
            _uZ[off + len++] = aLo;
            if (aHi + bHi > aLo + bLo)
            {
                _uLambda[off + len] = v;
                _uS[off + len] = aHi + bHi;
                _uZ[off + len++] = aHi;
            }
        }

        return len;
    }

    /// <summary>The interval of a monotone polyline at λ = v; advances the cursor past the points at v.</summary>
    private static void Interval(double[] lam, double[] s, int len, ref int i, double v, out double lo, out double hi)
    {
        if (i < len && lam[i] == v)
        {
            lo = s[i];
            while (i + 1 < len && lam[i + 1] == v)
            {
                i++;
            }

            hi = s[i];
            i++;
            return;
        }

        if (i == 0)
        {
            lo = hi = s[0];
        }
        else if (i >= len)
        {
            lo = hi = s[len - 1];
        }
        else
        {
            var t = (v - lam[i - 1]) / (lam[i] - lam[i - 1]);
            lo = hi = s[i - 1] + (t * (s[i] - s[i - 1]));
        }
    }

    /// <summary>G_k = U_k clamped to [lo, hi] (the SOC bounds after step k − 1), written to the G buffers.</summary>
    private int Clamp(int k, int uLen, double lo, double hi)
    {
        var off = k * _cap;
        if (_uS[off] > hi || _uS[off + uLen - 1] < lo)
        {
            return 0;
        }

        var len = 0;
        for (var j = 0; j < uLen; j++)
        {
            var lam = _uLambda[off + j];
            var s = _uS[off + j];
            if (j > 0)
            {
                var pl = _uLambda[off + j - 1];
                var ps = _uS[off + j - 1];
                if (ps < lo && s > lo)
                {
                    Push(ref len, pl + ((lo - ps) / (s - ps) * (lam - pl)), lo);
                }

                if (ps < hi && s > hi)
                {
                    Push(ref len, pl + ((hi - ps) / (s - ps) * (lam - pl)), hi);
                }
            }

            Push(ref len, lam, Math.Clamp(s, lo, hi));
        }

        // Drop the redundant points of the constant tails.
        var start = 0;
        while (start + 1 < len && _gS[start + 1] == _gS[start])
        {
            start++;
        }

        var end = len;
        while (end - 2 >= start && _gS[end - 2] == _gS[end - 1])
        {
            end--;
        }

        if (start > 0)
        {
            Array.Copy(_gLambda, start, _gLambda, 0, end - start);
            Array.Copy(_gS, start, _gS, 0, end - start);
        }

        return end - start;
    }

    private void Push(ref int len, double lam, double s)
    {
        if (len > 0 && _gLambda[len - 1] == lam && _gS[len - 1] == s)
        {
            return;
        }

        _gLambda[len] = lam;
        _gS[len++] = s;
    }

    /// <summary>The stored energy after step k (z) that is optimal from energy s before it.</summary>
    private double Locate(int k, double s, out bool ok)
    {
        var off = k * _cap;
        var len = _uLen[k];
        var tol = 1e-9 * (1 + Math.Abs(s));
        if (s <= _uS[off])
        {
            ok = s >= _uS[off] - tol;
            return _uZ[off];
        }

        if (s >= _uS[off + len - 1])
        {
            ok = s <= _uS[off + len - 1] + tol;
            return _uZ[off + len - 1];
        }

        ok = true;
        for (var j = 0; j + 1 < len; j++)
        {
            var a = _uS[off + j];
            var b = _uS[off + j + 1];
            if (s >= a && s <= b && b > a)
            {
                var t = (s - a) / (b - a);
                return _uZ[off + j] + (t * (_uZ[off + j + 1] - _uZ[off + j]));
            }
        }

        return _uZ[off + len - 1];
    }

    /// <summary>The (c, d) realising battery change x at least cost for the step.</summary>
    private static void Recover(double x, double coef, double cap, double dcap, double alpha, double beta, bool linear, out double c, out double d)
    {
        var dLo = Math.Max(0, -x / beta);
        var dHi = Math.Min(dcap, ((alpha * cap) - x) / beta);
        if (dHi < dLo)
        {
            dHi = dLo;
        }

        if (linear)
        {
            d = coef >= 0 ? dLo : dHi;
        }
        else if (beta > alpha * (1 + 1e-12))
        {
            d = Math.Clamp((coef - (x / alpha)) / ((beta / alpha) - 1), dLo, dHi);
        }
        else
        {
            d = dLo;
        }

        c = Math.Clamp((x + (beta * d)) / alpha, 0, cap);
        d = Math.Min(d, dcap);
    }

    private void AddIfNegative(ref int m, double v)
    {
        if (v < 0)
        {
            _cand[m++] = v;
        }
    }

    private void AddIfPositive(ref int m, double v)
    {
        if (v > 0)
        {
            _cand[m++] = v;
        }
    }

    private void SortSmall(int m)
    {
        for (var i = 1; i < m; i++)
        {
            var v = _cand[i];
            var j = i - 1;
            while (j >= 0 && _cand[j] > v)
            {
                _cand[j + 1] = _cand[j];
                j--;
            }

            _cand[j + 1] = v;
        }
    }
}
