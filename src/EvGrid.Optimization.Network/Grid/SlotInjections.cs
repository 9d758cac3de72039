namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// Signed active (and optionally reactive) power per slot and connection point of a <see cref="ConnectionMap"/>:
/// the one container that carries controllable demand into a grid time series. Layout is SLOT-major:
/// <see cref="Kw"/>[slot · <see cref="Points"/> + point]. Positive = demand (EV charging), negative = injection
/// (V2G discharge, DG output). Allocated once, overwritten per evaluation; one per thread.
/// </summary>
/// <remarks>
/// Reactive power: until <see cref="UseKvar"/>, <see cref="SetKvar"/> or <see cref="SetPointKvar"/> is called, each
/// point's kVAr are derived from its kW and power factor (kVAr = kW · tan φ, sign following kW, see
/// <see cref="ConnectionPoint"/>). <see cref="Clear"/> returns to that mode. Values written through the spans are
/// checked when a grid runs them (<see cref="Validate"/>): a NaN or infinity is rejected naming slot and point.
/// </remarks>
public sealed class SlotInjections
{
    private readonly double[] _kw;
    private readonly double[] _kvar;

    /// <summary>Creates zero injections for <paramref name="slots"/> slots on the points of <paramref name="map"/>.</summary>
    /// <param name="map">The connection points (columns).</param>
    /// <param name="slots">Number of slots (e.g. 24 or 96), ≥ 1.</param>
    public SlotInjections(ConnectionMap map, int slots)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Map = map;
        Slots = slots;
        Points = map.Count;
        _kw = new double[slots * map.Count];
        _kvar = new double[slots * map.Count];
    }

    /// <summary>The connection points.</summary>
    public ConnectionMap Map { get; }

    /// <summary>Number of slots.</summary>
    public int Slots { get; }

    /// <summary>Number of connection points (= <see cref="ConnectionMap.Count"/>).</summary>
    public int Points { get; }

    /// <summary>Whether explicit kVAr are in use (otherwise kVAr come from each point's power factor).</summary>
    public bool HasKvar { get; private set; }

    /// <summary>Signed kW, slot-major: index <c>slot · Points + point</c>.</summary>
    public Span<double> Kw => _kw;

    /// <summary>Signed kVAr, slot-major like <see cref="Kw"/>; empty until explicit kVAr are in use (<see cref="HasKvar"/>).</summary>
    public Span<double> Kvar => HasKvar ? _kvar : Span<double>.Empty;

    /// <summary>kW of one slot and point.</summary>
    /// <param name="slot">Slot index.</param>
    /// <param name="point">Connection point index.</param>
    /// <returns>Signed kW.</returns>
    public double this[int slot, int point]
    {
        get => _kw[Index(slot, point)];
        set => _kw[Index(slot, point)] = Finite(value, slot, point, "kW");
    }

    /// <summary>Switches to explicit kVAr (all zero when switched on now) and returns them, slot-major.</summary>
    /// <returns>The kVAr span.</returns>
    public Span<double> UseKvar()
    {
        if (!HasKvar)
        {
            Array.Clear(_kvar);
            HasKvar = true;
        }

        return _kvar;
    }

    /// <summary>Sets the kVAr of one slot and point (switches to explicit kVAr, see <see cref="UseKvar"/>).</summary>
    /// <param name="slot">Slot index.</param>
    /// <param name="point">Connection point index.</param>
    /// <param name="kvar">Signed kVAr.</param>
    public void SetKvar(int slot, int point, double kvar)
    {
        var i = Index(slot, point);
        UseKvar()[i] = Finite(kvar, slot, point, "kVAr");
    }

    /// <summary>Zero kW everywhere and back to power-factor kVAr.</summary>
    public void Clear()
    {
        Array.Clear(_kw);
        HasKvar = false;
    }

    /// <summary>Writes the kW of one connection point for every slot.</summary>
    /// <param name="point">Connection point index.</param>
    /// <param name="kwPerSlot">Signed kW per slot, length <see cref="Slots"/>.</param>
    public void SetPoint(int point, ReadOnlySpan<double> kwPerSlot)
    {
        CheckPoint(point);
        CheckLength(kwPerSlot.Length, Slots, nameof(kwPerSlot));
        for (var t = 0; t < Slots; t++)
        {
            _kw[(t * Points) + point] = Finite(kwPerSlot[t], t, point, "kW");
        }
    }

    /// <summary>Writes the kVAr of one connection point for every slot (switches to explicit kVAr).</summary>
    /// <param name="point">Connection point index.</param>
    /// <param name="kvarPerSlot">Signed kVAr per slot, length <see cref="Slots"/>.</param>
    public void SetPointKvar(int point, ReadOnlySpan<double> kvarPerSlot)
    {
        CheckPoint(point);
        CheckLength(kvarPerSlot.Length, Slots, nameof(kvarPerSlot));
        var q = UseKvar();
        for (var t = 0; t < Slots; t++)
        {
            q[(t * Points) + point] = Finite(kvarPerSlot[t], t, point, "kVAr");
        }
    }

    /// <summary>Reads the kW of one connection point for every slot.</summary>
    /// <param name="point">Connection point index.</param>
    /// <param name="kwPerSlot">Destination, length <see cref="Slots"/>.</param>
    public void GetPoint(int point, Span<double> kwPerSlot)
    {
        CheckPoint(point);
        CheckLength(kwPerSlot.Length, Slots, nameof(kwPerSlot));
        for (var t = 0; t < Slots; t++)
        {
            kwPerSlot[t] = _kw[(t * Points) + point];
        }
    }

    /// <summary>Writes the kW of every connection point in one slot.</summary>
    /// <param name="slot">Slot index.</param>
    /// <param name="kwPerPoint">Signed kW per point, length <see cref="Points"/>.</param>
    public void SetSlot(int slot, ReadOnlySpan<double> kwPerPoint)
    {
        CheckSlot(slot);
        CheckLength(kwPerPoint.Length, Points, nameof(kwPerPoint));
        for (var i = 0; i < Points; i++)
        {
            _kw[(slot * Points) + i] = Finite(kwPerPoint[i], slot, i, "kW");
        }
    }

    /// <summary>The kW of every connection point in one slot.</summary>
    /// <param name="slot">Slot index.</param>
    /// <returns>Signed kW per point.</returns>
    public ReadOnlySpan<double> Slot(int slot)
    {
        CheckSlot(slot);
        return _kw.AsSpan(slot * Points, Points);
    }

    /// <summary>Copies a whole SLOT-major kW array in (index <c>slot · Points + point</c>).</summary>
    /// <param name="slotMajorKw">Signed kW, length <see cref="Slots"/> · <see cref="Points"/>.</param>
    public void CopyFromSlotMajor(ReadOnlySpan<double> slotMajorKw)
    {
        CheckLength(slotMajorKw.Length, _kw.Length, nameof(slotMajorKw));
        for (var i = 0; i < _kw.Length; i++)
        {
            _kw[i] = Finite(slotMajorKw[i], i / Points, i % Points, "kW");
        }
    }

    /// <summary>Copies the kW out as a SLOT-major array (index <c>slot · Points + point</c>).</summary>
    /// <param name="slotMajorKw">Destination, length <see cref="Slots"/> · <see cref="Points"/>.</param>
    public void CopyToSlotMajor(Span<double> slotMajorKw)
    {
        CheckLength(slotMajorKw.Length, _kw.Length, nameof(slotMajorKw));
        _kw.CopyTo(slotMajorKw);
    }

    /// <summary>Checks every value is finite; throws naming the first bad slot and point.</summary>
    /// <exception cref="ArgumentException">A NaN or infinite kW or kVAr.</exception>
    public void Validate()
    {
        for (var i = 0; i < _kw.Length; i++)
        {
            Finite(_kw[i], i / Points, i % Points, "kW");
            if (HasKvar)
            {
                Finite(_kvar[i], i / Points, i % Points, "kVAr");
            }
        }
    }

    /// <summary>kW and kVAr of a slot and point: explicit kVAr or kW · tan φ.</summary>
    internal void Power(int slot, int point, out double kw, out double kvar)
    {
        var i = (slot * Points) + point;
        kw = _kw[i];
        kvar = HasKvar ? _kvar[i] : kw * Map.TanPhi[point];
    }

    private int Index(int slot, int point)
    {
        CheckSlot(slot);
        CheckPoint(point);
        return (slot * Points) + point;
    }

    private void CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)Slots)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"slot must be 0..{Slots - 1}");
        }
    }

    private void CheckPoint(int point)
    {
        if ((uint)point >= (uint)Points)
        {
            throw new ArgumentOutOfRangeException(nameof(point), point, $"connection point must be 0..{Points - 1}");
        }
    }

    private static void CheckLength(int got, int need, string name)
    {
        if (got != need)
        {
            throw new ArgumentException($"{name} needs {need} values, got {got}", name);
        }
    }

    private double Finite(double value, int slot, int point, string unit) =>
        double.IsFinite(value)
            ? value
            : throw new ArgumentException($"injection at slot {slot}, connection point {point} ({Map.Points[point]}) must be finite, got {value} {unit}");
}
