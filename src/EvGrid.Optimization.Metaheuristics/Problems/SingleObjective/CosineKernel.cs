using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EvGrid.Optimization.Metaheuristics.Problems;

/// <summary>
/// Element-wise cosine (angles in radians) that returns the same bits as <see cref="Math.Cos(double)"/>, about twice
/// as fast on x86-64 with AVX2 and FMA. Rastrigin and Ackley spend most of their time in the cosine (the Table 10
/// protocol spent a quarter of its time in glibc's); they take the cosines through <see cref="Run"/> and a struct
/// <see cref="ICosineSink"/>, which uses each four as they come, without a buffer.
/// </summary>
/// <remarks>
/// <para>
/// Four angles at a time: a = kπ/64 + r with |r| ≤ π/128, r kept as a double-double (Cody–Waite reduction with π/64
/// in three parts; the first step is exact because a and k·D₁ share a grid of 2⁻⁵⁷ and the difference is below
/// 2⁵³ of it). Then cos a = C_k·cos r − S_k·sin r, with C_k = cos(kπ/64) and S_k = sin(kπ/64) read as double-doubles
/// from a 128-entry table and short Taylor series for 1 − cos r and sin r − r; the leading product S_k·r and the
/// sum C_k − S_k·r are kept exact. The computed value has a relative error below about 2⁻⁶⁰, well inside the bound
/// the code checks.
/// </para>
/// <para>
/// The rounded value is returned only when the true cosine is provably more than 1/32 of an ulp away from the midpoint
/// between two doubles; then it is the correctly rounded cosine, and any library whose error is below 0.53 ulp
/// returns that same double. glibc's cos is within 0.516 ulp (400 million random angles measured here: largest
/// 0.5155), so on Linux the result equals <see cref="Math.Cos(double)"/> bit for bit. The other ~7 % of angles, and
/// angles that are NaN, infinite, beyond 2²⁰ in magnitude or within 2⁻³⁰ of a multiple of π/64, go to
/// <see cref="Math.Cos(double)"/> itself. Without AVX2 and FMA every angle does.
/// </para>
/// </remarks>
internal static class CosineKernel
{
    /// <summary>Whether the vector path runs on this machine (otherwise every angle goes to Math.Cos).</summary>
    public static bool IsAccelerated { get; } = Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Angles at most this far from zero take the vector path (rad).</summary>
    private const double Limit = 1048576.0;

    /// <summary>Reduced angles closer than this to zero go to Math.Cos (rad); also keeps |t₁| above |k·D₂|.</summary>
    private const double SmallestReduced = 9.313225746154785e-10; // 2^-30

    /// <summary>64/π, the table steps per radian.</summary>
    private const double StepsPerRadian = 20.371832715762604;

    /// <summary>1.5·2⁵²: adding it rounds to an integer held in the low mantissa bits.</summary>
    private const double RoundingShift = 6755399441055744.0;

    /// <summary>π/64 in three parts D₁ + D₂ + D₃ (D₁ with its last bits in the 2⁻⁵⁷ grid).</summary>
    private const double D1 = 0.04908738521234052, D2 = 1.9135106236677394e-18, D3 = -4.6793278276849057e-35;

    /// <summary>
    /// Accepted when the distance to the nearest rounding midpoint exceeds the error bound plus this share of the gap
    /// between neighbouring doubles (1/32 ulp: twice the excess of glibc's worst case over half an ulp).
    /// </summary>
    private const double MidpointMargin = 1.0 / 32;

    /// <summary>cos(jπ/64) for j = 0…127 as double-doubles (high, low), interleaved; S_j = C_{j−32}.</summary>
    private static ReadOnlySpan<double> Table =>
    [
        1.0, 0.0, 0.9987954562051724, -1.2291693337075465e-17,
        0.9951847266721969, -4.248691367830441e-17, 0.989176509964781, -4.098730993704711e-17,
        0.9807852804032304, 1.8546939997825006e-17, 0.970031253194544, 1.8365300348428844e-17,
        0.9569403357322088, 4.05538698618757e-17, 0.9415440651830208, -2.789637954769834e-17,
        0.9238795325112867, 1.7645047084336677e-17, 0.9039892931234433, -6.609754468748431e-18,
        0.881921264348355, -1.9843248405890562e-17, 0.8577286100002721, -4.818344793633662e-17,
        0.8314696123025452, 1.4073856984728024e-18, 0.8032075314806449, -3.306060980481491e-17,
        0.773010453362737, -3.256590703364977e-17, 0.7409511253549591, -1.4708616952297345e-17,
        0.7071067811865476, -4.833646656726457e-17, 0.6715589548470184, -4.048903774929669e-17,
        0.6343932841636455, 1.0420901929280035e-17, 0.5956993044924334, -1.3438641936579467e-17,
        0.5555702330196022, 4.709410940561677e-17, 0.5141027441932218, -4.5712707523615624e-17,
        0.47139673682599764, 6.516678136069013e-18, 0.4275550934302821, 9.411189816295473e-18,
        0.3826834323650898, -1.0050772696461588e-17, 0.33688985339222005, -4.200094003347509e-19,
        0.2902846772544624, -1.892797870777425e-17, 0.2429801799032639, -8.751431529719663e-18,
        0.19509032201612828, -7.991079068461731e-18, 0.14673047445536175, 3.726947147046568e-18,
        0.0980171403295606, -1.634582362244256e-18, 0.049067674327418015, -6.79610372051828e-19,
        0.0, 0.0, -0.049067674327418015, 6.79610372051828e-19,
        -0.0980171403295606, 1.634582362244256e-18, -0.14673047445536175, -3.726947147046568e-18,
        -0.19509032201612828, 7.991079068461731e-18, -0.2429801799032639, 8.751431529719663e-18,
        -0.2902846772544624, 1.892797870777425e-17, -0.33688985339222005, 4.200094003347509e-19,
        -0.3826834323650898, 1.0050772696461588e-17, -0.4275550934302821, -9.411189816295473e-18,
        -0.47139673682599764, -6.516678136069013e-18, -0.5141027441932218, 4.5712707523615624e-17,
        -0.5555702330196022, -4.709410940561677e-17, -0.5956993044924334, 1.3438641936579467e-17,
        -0.6343932841636455, -1.0420901929280035e-17, -0.6715589548470184, 4.048903774929669e-17,
        -0.7071067811865476, 4.833646656726457e-17, -0.7409511253549591, 1.4708616952297345e-17,
        -0.773010453362737, 3.256590703364977e-17, -0.8032075314806449, 3.306060980481491e-17,
        -0.8314696123025452, -1.4073856984728024e-18, -0.8577286100002721, 4.818344793633662e-17,
        -0.881921264348355, 1.9843248405890562e-17, -0.9039892931234433, 6.609754468748431e-18,
        -0.9238795325112867, -1.7645047084336677e-17, -0.9415440651830208, 2.789637954769834e-17,
        -0.9569403357322088, -4.05538698618757e-17, -0.970031253194544, -1.8365300348428844e-17,
        -0.9807852804032304, -1.8546939997825006e-17, -0.989176509964781, 4.098730993704711e-17,
        -0.9951847266721969, 4.248691367830441e-17, -0.9987954562051724, 1.2291693337075465e-17,
        -1.0, 0.0, -0.9987954562051724, 1.2291693337075465e-17,
        -0.9951847266721969, 4.248691367830441e-17, -0.989176509964781, 4.098730993704711e-17,
        -0.9807852804032304, -1.8546939997825006e-17, -0.970031253194544, -1.8365300348428844e-17,
        -0.9569403357322088, -4.05538698618757e-17, -0.9415440651830208, 2.789637954769834e-17,
        -0.9238795325112867, -1.7645047084336677e-17, -0.9039892931234433, 6.609754468748431e-18,
        -0.881921264348355, 1.9843248405890562e-17, -0.8577286100002721, 4.818344793633662e-17,
        -0.8314696123025452, -1.4073856984728024e-18, -0.8032075314806449, 3.306060980481491e-17,
        -0.773010453362737, 3.256590703364977e-17, -0.7409511253549591, 1.4708616952297345e-17,
        -0.7071067811865476, 4.833646656726457e-17, -0.6715589548470184, 4.048903774929669e-17,
        -0.6343932841636455, -1.0420901929280035e-17, -0.5956993044924334, 1.3438641936579467e-17,
        -0.5555702330196022, -4.709410940561677e-17, -0.5141027441932218, 4.5712707523615624e-17,
        -0.47139673682599764, -6.516678136069013e-18, -0.4275550934302821, -9.411189816295473e-18,
        -0.3826834323650898, 1.0050772696461588e-17, -0.33688985339222005, 4.200094003347509e-19,
        -0.2902846772544624, 1.892797870777425e-17, -0.2429801799032639, 8.751431529719663e-18,
        -0.19509032201612828, 7.991079068461731e-18, -0.14673047445536175, -3.726947147046568e-18,
        -0.0980171403295606, 1.634582362244256e-18, -0.049067674327418015, 6.79610372051828e-19,
        0.0, 0.0, 0.049067674327418015, -6.79610372051828e-19,
        0.0980171403295606, -1.634582362244256e-18, 0.14673047445536175, 3.726947147046568e-18,
        0.19509032201612828, -7.991079068461731e-18, 0.2429801799032639, -8.751431529719663e-18,
        0.2902846772544624, -1.892797870777425e-17, 0.33688985339222005, -4.200094003347509e-19,
        0.3826834323650898, -1.0050772696461588e-17, 0.4275550934302821, 9.411189816295473e-18,
        0.47139673682599764, 6.516678136069013e-18, 0.5141027441932218, -4.5712707523615624e-17,
        0.5555702330196022, 4.709410940561677e-17, 0.5956993044924334, -1.3438641936579467e-17,
        0.6343932841636455, 1.0420901929280035e-17, 0.6715589548470184, -4.048903774929669e-17,
        0.7071067811865476, -4.833646656726457e-17, 0.7409511253549591, -1.4708616952297345e-17,
        0.773010453362737, -3.256590703364977e-17, 0.8032075314806449, -3.306060980481491e-17,
        0.8314696123025452, 1.4073856984728024e-18, 0.8577286100002721, -4.818344793633662e-17,
        0.881921264348355, -1.9843248405890562e-17, 0.9039892931234433, -6.609754468748431e-18,
        0.9238795325112867, 1.7645047084336677e-17, 0.9415440651830208, -2.789637954769834e-17,
        0.9569403357322088, 4.05538698618757e-17, 0.970031253194544, 1.8365300348428844e-17,
        0.9807852804032304, 1.8546939997825006e-17, 0.989176509964781, -4.098730993704711e-17,
        0.9951847266721969, -4.248691367830441e-17, 0.9987954562051724, -1.2291693337075465e-17,
    ];

    /// <summary>Writes cos(angle[i]) into cosine[i]; the spans may be the same memory.</summary>
    /// <param name="angle">Angles (rad).</param>
    /// <param name="cosine">Destination, at least as long as <paramref name="angle"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="cosine"/> is shorter than <paramref name="angle"/>.</exception>
    public static void Cos(ReadOnlySpan<double> angle, Span<double> cosine)
    {
        if (cosine.Length < angle.Length)
        {
            throw new ArgumentException($"cosine has {cosine.Length} elements for {angle.Length} angles.", nameof(cosine));
        }

        var sink = new StoreSink(cosine);
        Run(angle, 1.0, ref sink);
    }

    /// <summary>
    /// Hands <paramref name="sink"/> the cosines of scale·x[i], four inputs at a time and in order, so that a caller
    /// can use them without a buffer (Rastrigin sums its terms as they come). The angle is rounded once, as
    /// <c>scale * x[i]</c> rounds it (scale 1 leaves it exact).
    /// </summary>
    /// <typeparam name="TSink">The receiver, a struct so that its call is inlined.</typeparam>
    /// <param name="x">Inputs.</param>
    /// <param name="scale">Factor from input to angle (rad per unit).</param>
    /// <param name="sink">Receiver.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Run<TSink>(ReadOnlySpan<double> x, double scale, ref TSink sink)
        where TSink : struct, ICosineSink, allows ref struct
    {
        ref var x0 = ref MemoryMarshal.GetReference(x);
        if (!IsAccelerated)
        {
            for (var start = 0; start < x.Length; start += 4)
            {
                var count = Math.Min(4, x.Length - start);
                var input = Load(ref x0, start, count);
                var y = Vector256<double>.Zero;
                for (var lane = 0; lane < count; lane++)
                {
                    y = y.WithElement(lane, Math.Cos(scale * input.GetElement(lane)));
                }

                sink.Accept(start, count, input, y);
            }

            return;
        }

        ref var table = ref MemoryMarshal.GetReference(Table);
        for (var i = 0; i < x.Length; i += 4)
        {
            var count = Math.Min(4, x.Length - i);
            var input = Load(ref x0, i, count);
            var a = Vector256.Create(scale) * input;

            // k = round(a·64/π) and a − k·π/64 = rh + rl (exact first step, then Fast2Sum: |t1| ≥ 2^-30 > |k·D2|).
            var shifted = Fma.MultiplyAdd(a, Vector256.Create(StepsPerRadian), Vector256.Create(RoundingShift));
            var kBits = shifted.AsInt64();
            var k = shifted - Vector256.Create(RoundingShift);
            var t1 = Fma.MultiplyAddNegated(k, Vector256.Create(D1), a);
            var ph = k * Vector256.Create(D2);
            var pl = Fma.MultiplySubtract(k, Vector256.Create(D2), ph);
            var rh = t1 - ph;
            var rl = ((t1 - rh) - ph) - Fma.MultiplyAdd(k, Vector256.Create(D3), pl);

            // 1 − cos r = z/2 − z²/4! + … + z⁵/10! (z = r²; next term below 2^-100), plus the rl share rh·rl.
            var z = rh * rh;
            var cm = Fma.MultiplyAdd(z, Vector256.Create(2.755731922398589e-07), Vector256.Create(-2.48015873015873e-05));
            cm = Fma.MultiplyAdd(z, cm, Vector256.Create(0.001388888888888889));
            cm = Fma.MultiplyAdd(z, cm, Vector256.Create(-0.041666666666666664));
            cm = Fma.MultiplyAdd(z, cm, Vector256.Create(0.5));
            cm = Fma.MultiplyAdd(rh, rl, z * cm);

            // sin r = rh + srl, srl = rl − r³/3! + … − r¹¹/11! (next term below 2^-85·r).
            var sp = Fma.MultiplyAdd(z, Vector256.Create(-2.505210838544172e-08), Vector256.Create(2.7557319223985893e-06));
            sp = Fma.MultiplyAdd(z, sp, Vector256.Create(-0.0001984126984126984));
            sp = Fma.MultiplyAdd(z, sp, Vector256.Create(0.008333333333333333));
            sp = Fma.MultiplyAdd(z, sp, Vector256.Create(-0.16666666666666666));
            var srl = Fma.MultiplyAdd(rh * z, sp, rl);

            // C_k and S_k = C_{k−32}: each lane loads (high, low) pairs; lanes 0 and 2, 1 and 3 share a register so that
            // one unpack gives the four highs in order and the other the four lows.
            var j0 = (int)kBits.GetElement(0);
            var j1 = (int)kBits.GetElement(1);
            var j2 = (int)kBits.GetElement(2);
            var j3 = (int)kBits.GetElement(3);
            var c02 = Vector256.Create(Vector128.LoadUnsafe(ref table, (nuint)((j0 & 127) * 2)), Vector128.LoadUnsafe(ref table, (nuint)((j2 & 127) * 2)));
            var c13 = Vector256.Create(Vector128.LoadUnsafe(ref table, (nuint)((j1 & 127) * 2)), Vector128.LoadUnsafe(ref table, (nuint)((j3 & 127) * 2)));
            var s02 = Vector256.Create(Vector128.LoadUnsafe(ref table, (nuint)(((j0 - 32) & 127) * 2)), Vector128.LoadUnsafe(ref table, (nuint)(((j2 - 32) & 127) * 2)));
            var s13 = Vector256.Create(Vector128.LoadUnsafe(ref table, (nuint)(((j1 - 32) & 127) * 2)), Vector128.LoadUnsafe(ref table, (nuint)(((j3 - 32) & 127) * 2)));
            var ch = Avx.UnpackLow(c02, c13);
            var cl = Avx.UnpackHigh(c02, c13);
            var sh = Avx.UnpackLow(s02, s13);
            var sl = Avx.UnpackHigh(s02, s13);

            // cos a = C(1 − cm) − S(rh + srl): ch − sh·rh exactly (FMA product error, TwoSum), the rest in one double.
            var p = sh * rh;
            var pe = Fma.MultiplySubtract(sh, rh, p);
            var h = ch - p;
            var hb = h - ch;
            var he = (ch - (h - hb)) - (p + hb);
            var chcm = ch * cm;
            var lo = ((he - pe) + Fma.MultiplyAddNegated(sl, rh, cl)) - Fma.MultiplyAdd(sh, srl, chcm);
            var yh = h + lo;
            var yl = lo - (yh - h);

            // Half the gap to the neighbour on yl's side (a quarter-gap step below a power of two), and the error bound:
            // 16 ulp of the rounded terms (|C·cm| and |lo| bound them) plus 2^-100 of the value.
            var yhBits = yh.AsInt64();
            var magnitude = yhBits & Vector256.Create(0x7FFFFFFFFFFFFFFFL);
            var binade = (magnitude & Vector256.Create(0x7FF0000000000000L)).AsDouble();
            var halfGap = binade * Vector256.Create(1.1102230246251565e-16); // 2^-53
            var powerOfTwo = Vector256.Equals(magnitude & Vector256.Create(0x000FFFFFFFFFFFFFL), Vector256<long>.Zero);
            var towardZero = Vector256.LessThan(yhBits ^ yl.AsInt64(), Vector256<long>.Zero);
            halfGap = Vector256.ConditionalSelect((powerOfTwo & towardZero).AsDouble(), halfGap * Vector256.Create(0.5), halfGap);
            var error = Fma.MultiplyAdd(Vector256.Abs(chcm) + Vector256.Abs(lo), Vector256.Create(1.7763568394002505e-15),
                Vector256.Abs(yh) * Vector256.Create(7.888609052210118e-31)); // 2^-49, 2^-100
            var accepted = Vector256.LessThan(Vector256.Abs(yl) + error, halfGap * Vector256.Create(1.0 - (2.0 * MidpointMargin)))
                & Vector256.LessThanOrEqual(Vector256.Abs(a), Vector256.Create(Limit))
                & Vector256.GreaterThanOrEqual(Vector256.Abs(t1), Vector256.Create(SmallestReduced));

            // Lanes the vector path does not accept are patched out of line, so that the loop keeps its registers.
            var y = yh;
            var rejected = ~accepted.ExtractMostSignificantBits() & ((1u << count) - 1);
            if (rejected != 0)
            {
                y = Patch(y, a, rejected);
            }

            sink.Accept(i, count, input, y);
        }
    }

    /// <summary>Replaces the lanes set in <paramref name="rejected"/> with <see cref="Math.Cos(double)"/> of their
    /// angle (out of line: the vector loop keeps its registers). Constant lane indices keep the lanes in registers; a
    /// variable index went through memory with a partial store that the following full load could not forward.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static Vector256<double> Patch(Vector256<double> y, Vector256<double> a, uint rejected)
    {
        var y0 = (rejected & 1) != 0 ? Math.Cos(a.GetElement(0)) : y.GetElement(0);
        var y1 = (rejected & 2) != 0 ? Math.Cos(a.GetElement(1)) : y.GetElement(1);
        var y2 = (rejected & 4) != 0 ? Math.Cos(a.GetElement(2)) : y.GetElement(2);
        var y3 = (rejected & 8) != 0 ? Math.Cos(a.GetElement(3)) : y.GetElement(3);
        return Vector256.Create(y0, y1, y2, y3);
    }

    /// <summary>Inputs start … start + count − 1 (count 1–4); lanes from count on hold π/4, which a sink never reads.
    /// Built in registers, so the loop's input never goes through memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load(ref double x0, int start, int count)
    {
        if (count == 4)
        {
            return Vector256.LoadUnsafe(ref x0, (nuint)start);
        }

        const double padding = Math.PI / 4;
        return Vector256.Create(Unsafe.Add(ref x0, start), count > 1 ? Unsafe.Add(ref x0, start + 1) : padding,
            count > 2 ? Unsafe.Add(ref x0, start + 2) : padding, padding);
    }

    /// <summary>Stores the cosines in order.</summary>
    private ref struct StoreSink(Span<double> destination) : ICosineSink
    {
        private readonly Span<double> _destination = destination;

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Accept(int start, int count, Vector256<double> input, Vector256<double> cosine)
        {
            if (count == 4)
            {
                cosine.StoreUnsafe(ref MemoryMarshal.GetReference(_destination), (nuint)start);
                return;
            }

            for (var lane = 0; lane < count; lane++)
            {
                _destination[start + lane] = cosine.GetElement(lane);
            }
        }
    }
}

/// <summary>Receives <see cref="CosineKernel.Run"/>'s cosines, up to four inputs at a time, in order.</summary>
internal interface ICosineSink
{
    /// <summary>Inputs start … start + count − 1 (count 1–4) and their cosines; lanes from count on are padding.</summary>
    /// <param name="start">Index of lane 0's input.</param>
    /// <param name="count">Lanes that hold inputs.</param>
    /// <param name="input">The inputs (not the angles: before the scale).</param>
    /// <param name="cosine">Their cosines.</param>
    void Accept(int start, int count, Vector256<double> input, Vector256<double> cosine);
}
