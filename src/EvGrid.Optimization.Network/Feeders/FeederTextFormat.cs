using System.Globalization;

namespace EvGrid.Optimization.Network;

/// <summary>
/// The library's own line-based text format for balanced feeders (the built-in feeders are embedded in it).
/// One record per line, <c>#</c> starts a comment:
/// <code>
/// feeder &lt;name&gt;
/// base-kva &lt;three-phase power base, kVA&gt;
/// bus &lt;id&gt; &lt;base kV&gt; &lt;slack|load&gt; [voltage setpoint pu]
/// branch &lt;from&gt; &lt;to&gt; &lt;R&gt; &lt;X&gt; &lt;ohm|pu&gt; [B total charging pu] [open]
/// load &lt;bus&gt; &lt;P kW&gt; &lt;Q kVAr&gt; [zip &lt;z&gt; &lt;i&gt; &lt;p&gt;]
/// shunt &lt;bus&gt; &lt;Q kVAr at 1 pu&gt; [P kW]
/// dg &lt;bus&gt; &lt;P kW&gt; &lt;Q kVAr&gt;
/// </code>
/// Ohmic branch values are converted with the from-bus kV base. Errors name the line number.
/// </summary>
public static class FeederTextFormat
{
    /// <summary>Reads a feeder.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">Name of the source for messages (file name).</param>
    /// <returns>The validated network.</returns>
    /// <exception cref="FormatException">A line cannot be read; the message names the source and line.</exception>
    /// <exception cref="NetworkValidationException">The network is invalid.</exception>
    public static PowerNetwork Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string? name = null;
        NetworkBuilder? builder = null;
        var lineNo = 0;
        var declared = new HashSet<int>();
        while (reader.ReadLine() is { } raw)
        {
            lineNo++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            try
            {
                switch (f[0])
                {
                    case "feeder":
                        Need(f, 2, 2);
                        name = f[1];
                        break;
                    case "base-kva":
                        Need(f, 2, 2);
                        builder = new NetworkBuilder(name ?? source, Num(f[1]));
                        break;
                    case "bus":
                        Need(f, 4, 5);
                        var kind = f[3] switch
                        {
                            "slack" => BusKind.Slack,
                            "load" => BusKind.Load,
                            _ => throw new FormatException($"bus kind must be 'slack' or 'load', got '{f[3]}'"),
                        };
                        B().AddBus(new Bus(Int(f[1]), Num(f[2]), kind, f.Length > 4 ? Num(f[4]) : 1.0));
                        declared.Add(Int(f[1]));
                        break;
                    case "branch":
                        Need(f, 6, 8);
                        var open = f.Length > 7 && f[7] == "open";
                        if (f.Length > 7 && !open)
                        {
                            throw new FormatException($"the 8th field of a branch must be 'open', got '{f[7]}'");
                        }

                        var bpu = f.Length > 6 ? Num(f[6]) : 0.0;
                        Known(declared, f[1]);
                        Known(declared, f[2]);
                        if (f[5] == "ohm")
                        {
                            if (bpu != 0)
                            {
                                throw new FormatException("charging susceptance is only allowed with pu impedances");
                            }

                            B().AddBranchOhm(Int(f[1]), Int(f[2]), Num(f[3]), Num(f[4]), !open);
                        }
                        else if (f[5] == "pu")
                        {
                            B().AddBranchPu(Int(f[1]), Int(f[2]), Num(f[3]), Num(f[4]), bpu, !open);
                        }
                        else
                        {
                            throw new FormatException($"branch unit must be 'ohm' or 'pu', got '{f[5]}'");
                        }

                        break;
                    case "load":
                        Known(declared, f.Length > 1 ? f[1] : string.Empty);
                        if (f.Length == 8 && f[4] == "zip")
                        {
                            B().AddLoad(new Load(Int(f[1]), Num(f[2]), Num(f[3]), new ZipShares(Num(f[5]), Num(f[6]), Num(f[7]))));
                        }
                        else
                        {
                            Need(f, 4, 4);
                            B().AddLoad(new Load(Int(f[1]), Num(f[2]), Num(f[3])));
                        }

                        break;
                    case "shunt":
                        Known(declared, f.Length > 1 ? f[1] : string.Empty);
                        Need(f, 3, 4);
                        B().AddShunt(new ShuntElement(Int(f[1]), Num(f[2]), f.Length > 3 ? Num(f[3]) : 0.0));
                        break;
                    case "dg":
                        Known(declared, f.Length > 1 ? f[1] : string.Empty);
                        Need(f, 4, 4);
                        B().AddGenerator(new DistributedGenerator(Int(f[1]), Num(f[2]), Num(f[3])));
                        break;
                    default:
                        throw new FormatException($"unknown record '{f[0]}'");
                }
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{source}, line {lineNo}: {ex.Message}.", ex);
            }
            catch (NetworkValidationException ex)
            {
                throw new FormatException($"{source}, line {lineNo}: {ex.Message}", ex);
            }
        }

        return (builder ?? throw new FormatException($"{source}: no 'base-kva' record.")).Build();

        NetworkBuilder B() => builder ?? throw new FormatException("'base-kva' must come before buses and branches");
    }

    /// <summary>Writes a network in this format (branches in pu).</summary>
    /// <param name="network">The network.</param>
    /// <param name="writer">Destination.</param>
    public static void Write(PowerNetwork network, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        writer.WriteLine($"feeder {network.Name}");
        writer.WriteLine(string.Create(c, $"base-kva {network.BaseKva:R}"));
        foreach (var b in network.Buses)
        {
            writer.WriteLine(b.Kind == BusKind.Slack
                ? string.Create(c, $"bus {b.Id} {b.BaseKv:R} slack {b.VoltageSetpointPu:R}")
                : string.Create(c, $"bus {b.Id} {b.BaseKv:R} load"));
        }

        foreach (var b in network.Branches)
        {
            writer.WriteLine(string.Create(c,
                $"branch {b.FromBus} {b.ToBus} {b.ResistancePu:R} {b.ReactancePu:R} pu {b.ChargingSusceptancePu:R}{(b.InService ? string.Empty : " open")}"));
        }

        foreach (var l in network.Loads)
        {
            var s = l.EffectivePShares;
            writer.WriteLine(l.PShares is null
                ? string.Create(c, $"load {l.Bus} {l.PKw:R} {l.QKvar:R}")
                : string.Create(c, $"load {l.Bus} {l.PKw:R} {l.QKvar:R} zip {s.ConstantImpedance:R} {s.ConstantCurrent:R} {s.ConstantPower:R}"));
        }

        foreach (var s in network.Shunts)
        {
            writer.WriteLine(string.Create(c, $"shunt {s.Bus} {s.QKvar:R} {s.PKw:R}"));
        }

        foreach (var g in network.Generators)
        {
            writer.WriteLine(string.Create(c, $"dg {g.Bus} {g.PKw:R} {g.QKvar:R}"));
        }
    }

    private static void Known(HashSet<int> declared, string id)
    {
        if (!declared.Contains(Int(id)))
        {
            throw new FormatException($"bus {id} is not declared (buses must be declared before they are used)");
        }
    }

    private static void Need(string[] f, int min, int max)
    {
        if (f.Length < min || f.Length > max)
        {
            throw new FormatException(min == max
                ? $"'{f[0]}' needs {min - 1} field(s), got {f.Length - 1}"
                : $"'{f[0]}' needs {min - 1} to {max - 1} fields, got {f.Length - 1}");
        }
    }

    private static double Num(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"'{s}' is not a finite number");

    private static int Int(string s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"'{s}' is not an integer bus id");
}
