using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace EvGrid.Optimization.Network;

/// <summary>
/// Reads MATPOWER case files (format version 2, <c>.m</c>) into a <see cref="PowerNetwork"/>: <c>mpc.baseMVA</c>,
/// <c>mpc.bus</c>, <c>mpc.gen</c>, <c>mpc.branch</c> (other matrices are parsed and ignored), comments, line
/// continuations (<c>...</c>), arithmetic expressions in cells (<c>135/sqrt(3)</c>), extra columns, and the
/// unit-conversion code that MATPOWER's distribution feeders end with (<c>[..] = idx_bus;</c>, scalar assignments such
/// as <c>Vbase = mpc.bus(1, BASE_KV) * 1e3;</c>, and column operations such as
/// <c>mpc.branch(:, [BR_R BR_X]) = mpc.branch(:, [BR_R BR_X]) / (Vbase^2 / Sbase);</c>). A statement it does not
/// understand is a <see cref="FormatException"/> naming the line; nothing is skipped silently.
/// </summary>
/// <remarks>
/// Mapping: loads Pd/Qd (MW/MVAr) become constant-power <see cref="Load"/>s in kW/kVAr; bus Gs/Bs become
/// <see cref="ShuntElement"/>s; an in-service generator at the reference bus (type 3) sets the slack voltage from Vg,
/// one at a PQ bus becomes a <see cref="DistributedGenerator"/> (Pg, Qg). Branches with status 0 are kept out of service.
/// PV buses (type 2), off-nominal tap ratios and phase shifters are not supported and are reported as errors.
/// </remarks>
public static partial class MatpowerCaseReader
{
    private static readonly string[] IdxBus =
    [
        "PQ", "PV", "REF", "NONE", "BUS_I", "BUS_TYPE", "PD", "QD", "GS", "BS", "BUS_AREA", "VM", "VA", "BASE_KV", "ZONE",
        "VMAX", "VMIN", "LAM_P", "LAM_Q", "MU_VMAX", "MU_VMIN",
    ];

    private static readonly double[] IdxBusValues = [1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];

    private static readonly string[] IdxBrch =
    [
        "F_BUS", "T_BUS", "BR_R", "BR_X", "BR_B", "RATE_A", "RATE_B", "RATE_C", "TAP", "SHIFT", "BR_STATUS", "PF", "QF",
        "PT", "QT", "MU_SF", "MU_ST", "ANGMIN", "ANGMAX", "MU_ANGMIN", "MU_ANGMAX",
    ];

    private static readonly string[] IdxGen =
    [
        "GEN_BUS", "PG", "QG", "QMAX", "QMIN", "VG", "MBASE", "GEN_STATUS", "PMAX", "PMIN", "PC1", "PC2", "QC1MIN", "QC1MAX",
        "QC2MIN", "QC2MAX", "RAMP_AGC", "RAMP_10", "RAMP_30", "RAMP_Q", "APF", "MU_PMAX", "MU_PMIN", "MU_QMAX", "MU_QMIN",
    ];

    /// <summary>Reads a MATPOWER case file.</summary>
    /// <param name="path">Path of the <c>.m</c> file.</param>
    /// <returns>The validated network.</returns>
    /// <exception cref="FormatException">Unsupported or malformed content (with line number).</exception>
    public static PowerNetwork ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads a MATPOWER case from text.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">Name for messages (file name); also the default network name.</param>
    /// <returns>The validated network.</returns>
    /// <exception cref="FormatException">Unsupported or malformed content (with line number).</exception>
    public static PowerNetwork Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(source);
        var state = new CaseState(source);
        var lines = LogicalLines(reader);
        for (var i = 0; i < lines.Count; i++)
        {
            var (lineNo, text) = lines[i];
            try
            {
                i = Statement(state, lines, i);
            }
            catch (FormatException ex) when (!ex.Message.StartsWith(source, StringComparison.Ordinal))
            {
                throw new FormatException($"{source}, line {lineNo}: {ex.Message} (in: {Shorten(text)})", ex);
            }
        }

        return state.Build();
    }

    private static string Shorten(string s) => s.Length <= 80 ? s.Trim() : s.Trim()[..77] + "...";

    /// <summary>Lines with comments removed and continuations joined; each keeps its first physical line number.</summary>
    private static List<(int Line, string Text)> LogicalLines(TextReader reader)
    {
        var result = new List<(int, string)>();
        var sb = new StringBuilder();
        var start = 0;
        var lineNo = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNo++;
            var code = StripComment(raw);
            var trimmed = code.TrimEnd();
            if (sb.Length == 0)
            {
                start = lineNo;
            }

            if (trimmed.EndsWith("...", StringComparison.Ordinal))
            {
                sb.Append(trimmed.AsSpan(0, trimmed.Length - 3)).Append(' ');
                continue;
            }

            sb.Append(code);
            var text = sb.ToString();
            sb.Clear();
            if (text.Trim().Length > 0)
            {
                result.Add((start, text));
            }
        }

        if (sb.Length > 0)
        {
            result.Add((start, sb.ToString()));
        }

        return result;
    }

    private static string StripComment(string line)
    {
        var inString = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\'')
            {
                // A quote after an identifier, a closing bracket or a digit is a transpose; elsewhere it opens/closes a string.
                if (!inString && i > 0 && (char.IsLetterOrDigit(line[i - 1]) || line[i - 1] is ')' or ']' or '_' or '.'))
                {
                    continue;
                }

                inString = !inString;
            }
            else if (c == '%' && !inString)
            {
                return line[..i];
            }
        }

        return line;
    }

    private static int Statement(CaseState state, List<(int Line, string Text)> lines, int index)
    {
        var text = lines[index].Text.Trim();
        if (text.StartsWith("function ", StringComparison.Ordinal))
        {
            var m = FunctionRegex().Match(text);
            if (!m.Success)
            {
                throw new FormatException("expected 'function mpc = <name>'");
            }

            state.Name = m.Groups[1].Value;
            return index;
        }

        if (text is "end" or "end;" or "return" or "return;")
        {
            return index;
        }

        var matrix = MatrixStartRegex().Match(text);
        if (matrix.Success)
        {
            return ReadMatrix(state, matrix.Groups[1].Value, lines, index, text[(text.IndexOf('[', StringComparison.Ordinal) + 1)..]);
        }

        var version = VersionRegex().Match(text);
        if (version.Success)
        {
            if (version.Groups[1].Value != "2")
            {
                throw new FormatException($"only MATPOWER case format version 2 is supported, got '{version.Groups[1].Value}'");
            }

            return index;
        }

        var multi = MultiAssignRegex().Match(text);
        if (multi.Success)
        {
            var names = multi.Groups[1].Value.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var fn = multi.Groups[2].Value;
            (string[] outs, Func<int, double> value) = fn switch
            {
                "idx_bus" => (IdxBus, (Func<int, double>)(k => IdxBusValues[k])),
                "idx_brch" => (IdxBrch, k => k + 1),
                "idx_gen" => (IdxGen, k => k + 1),
                _ => throw new FormatException($"unsupported function '{fn}'"),
            };
            if (names.Length > outs.Length)
            {
                throw new FormatException($"{fn} returns {outs.Length} values, {names.Length} requested");
            }

            for (var k = 0; k < names.Length; k++)
            {
                state.Variables[names[k]] = value(k);
            }

            return index;
        }

        var column = ColumnOpRegex().Match(text);
        if (column.Success)
        {
            ColumnOperation(state, column);
            return index;
        }

        var scalar = ScalarAssignRegex().Match(text);
        if (scalar.Success)
        {
            var value = new ExpressionParser(scalar.Groups[2].Value, state).ParseAll();
            if (scalar.Groups[1].Value == "mpc.baseMVA")
            {
                state.BaseMva = value;
            }
            else if (scalar.Groups[1].Value.StartsWith("mpc.", StringComparison.Ordinal))
            {
                throw new FormatException($"unsupported field '{scalar.Groups[1].Value}'");
            }
            else
            {
                state.Variables[scalar.Groups[1].Value] = value;
            }

            return index;
        }

        throw new FormatException("statement not understood");
    }

    private static int ReadMatrix(CaseState state, string name, List<(int Line, string Text)> lines, int index, string rest)
    {
        var rows = new List<double[]>();
        var rowLines = new List<int>();
        var cells = new List<double>();
        var i = index;
        var text = rest;
        while (true)
        {
            var lineNo = lines[i].Line;
            var close = text.IndexOf(']', StringComparison.Ordinal);
            var body = close >= 0 ? text[..close] : text;
            foreach (var segment in body.Split(';'))
            {
                foreach (var token in segment.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
                {
                    try
                    {
                        cells.Add(new ExpressionParser(token, state).ParseAll());
                    }
                    catch (FormatException ex)
                    {
                        throw new FormatException($"{state.Source}, line {lineNo}: cell '{token}' of mpc.{name}: {ex.Message}", ex);
                    }
                }

                // A ';' ends a row; so does the end of a line.
                if (cells.Count > 0)
                {
                    rows.Add([.. cells]);
                    rowLines.Add(lineNo);
                    cells.Clear();
                }
            }

            if (close >= 0)
            {
                var after = text[(close + 1)..].Trim();
                if (after is not ("" or ";"))
                {
                    throw new FormatException($"{state.Source}, line {lineNo}: unexpected '{after}' after the end of mpc.{name}");
                }

                break;
            }

            i++;
            if (i >= lines.Count)
            {
                throw new FormatException($"{state.Source}, line {lines[index].Line}: mpc.{name} is not closed with ']'");
            }

            text = lines[i].Text;
        }

        state.Matrices[name] = rows;
        state.MatrixLines[name] = rowLines;
        return i;
    }

    private static void ColumnOperation(CaseState state, Match m)
    {
        var target = m.Groups[1].Value;
        var targetCols = Columns(state, m.Groups[2].Value);
        var source = m.Groups[3].Value;
        var sourceCols = Columns(state, m.Groups[4].Value);
        var op = m.Groups[5].Value;
        var factor = new ExpressionParser(m.Groups[6].Value, state).ParseAll();
        if (target != source)
        {
            throw new FormatException($"column operations between different matrices (mpc.{target}, mpc.{source}) are not supported");
        }

        if (targetCols.Length != sourceCols.Length)
        {
            throw new FormatException($"column counts differ ({targetCols.Length} vs {sourceCols.Length})");
        }

        var rows = state.Matrix(target);
        foreach (var row in rows)
        {
            var values = new double[sourceCols.Length];
            for (var k = 0; k < sourceCols.Length; k++)
            {
                var c = sourceCols[k];
                if (c < 1 || c > row.Length)
                {
                    throw new FormatException($"column {c} is outside mpc.{source} ({row.Length} columns)");
                }

                values[k] = op == "*" ? row[c - 1] * factor : row[c - 1] / factor;
            }

            for (var k = 0; k < targetCols.Length; k++)
            {
                var c = targetCols[k];
                if (c < 1 || c > row.Length)
                {
                    throw new FormatException($"column {c} is outside mpc.{target} ({row.Length} columns)");
                }

                row[c - 1] = values[k];
            }
        }
    }

    private static int[] Columns(CaseState state, string spec)
    {
        var s = spec.Trim();
        if (s.StartsWith('[') && s.EndsWith(']'))
        {
            s = s[1..^1];
        }

        return s.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(t =>
            {
                var v = new ExpressionParser(t, state).ParseAll();
                return v == Math.Floor(v) && v >= 1 ? (int)v : throw new FormatException($"'{t}' is not a column number");
            })
            .ToArray();
    }

    [GeneratedRegex(@"^function\s+mpc\s*=\s*([A-Za-z_]\w*)\s*$")]
    private static partial Regex FunctionRegex();

    [GeneratedRegex(@"^mpc\.([A-Za-z_]\w*)\s*=\s*\[")]
    private static partial Regex MatrixStartRegex();

    [GeneratedRegex(@"^mpc\.version\s*=\s*'([^']*)'\s*;?$")]
    private static partial Regex VersionRegex();

    [GeneratedRegex(@"^\[([A-Za-z_][\w\s,]*)\]\s*=\s*([A-Za-z_]\w*)\s*;?$")]
    private static partial Regex MultiAssignRegex();

    [GeneratedRegex(@"^mpc\.(\w+)\(\s*:\s*,\s*(\[[^\]]*\]|\w+)\s*\)\s*=\s*mpc\.(\w+)\(\s*:\s*,\s*(\[[^\]]*\]|\w+)\s*\)\s*([*/])\s*(.+?)\s*;?$")]
    private static partial Regex ColumnOpRegex();

    [GeneratedRegex(@"^((?:mpc\.)?[A-Za-z_]\w*)\s*=\s*(.+?)\s*;?$")]
    private static partial Regex ScalarAssignRegex();

    private sealed class CaseState(string source)
    {
        public string Source { get; } = source;

        public string? Name { get; set; }

        public double? BaseMva { get; set; }

        public Dictionary<string, double> Variables { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<double[]>> Matrices { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<int>> MatrixLines { get; } = new(StringComparer.Ordinal);

        public List<double[]> Matrix(string name) =>
            Matrices.TryGetValue(name, out var m) ? m : throw new FormatException($"mpc.{name} is used before it is defined");

        public PowerNetwork Build()
        {
            var baseMva = BaseMva ?? throw new FormatException($"{Source}: mpc.baseMVA is missing");
            var bus = Matrices.GetValueOrDefault("bus") ?? throw new FormatException($"{Source}: mpc.bus is missing");
            var branch = Matrices.GetValueOrDefault("branch") ?? throw new FormatException($"{Source}: mpc.branch is missing");
            var gen = Matrices.GetValueOrDefault("gen") ?? [];
            var baseKva = baseMva * 1000.0;
            var builder = new NetworkBuilder(Name ?? Path.GetFileNameWithoutExtension(Source), baseKva);

            var slackSetpoint = new Dictionary<int, double>();
            var dgs = new List<DistributedGenerator>();
            var busType = new Dictionary<int, int>();
            for (var r = 0; r < bus.Count; r++)
            {
                var row = Need(bus[r], 13, "bus", r);
                busType[(int)row[0]] = (int)row[1];
            }

            for (var r = 0; r < gen.Count; r++)
            {
                var row = Need(gen[r], 8, "gen", r);
                if (row[7] <= 0)
                {
                    continue;
                }

                var id = (int)row[0];
                if (busType.TryGetValue(id, out var t) && t == 3)
                {
                    slackSetpoint[id] = row[5];
                }
                else
                {
                    dgs.Add(new DistributedGenerator(id, row[1] * 1000.0, row[2] * 1000.0));
                }
            }

            for (var r = 0; r < bus.Count; r++)
            {
                var row = bus[r];
                var id = CheckId(row[0], "bus", r);
                var type = (int)row[1];
                var kind = type switch
                {
                    3 => BusKind.Slack,
                    1 => BusKind.Load,
                    2 => throw RowError("bus", r, $"bus {id} is a PV bus (type 2), which this kernel does not model; use PQ (type 1) with a generator"),
                    _ => throw RowError("bus", r, $"bus {id} has unsupported type {row[1]}"),
                };
                var v = kind == BusKind.Slack ? slackSetpoint.GetValueOrDefault(id, row[7]) : 1.0;
                builder.AddBus(new Bus(id, row[9], kind, v));
                if (row[2] != 0 || row[3] != 0)
                {
                    builder.AddLoad(new Load(id, row[2] * 1000.0, row[3] * 1000.0));
                }

                if (row[4] != 0 || row[5] != 0)
                {
                    builder.AddShunt(new ShuntElement(id, row[5] * 1000.0, row[4] * 1000.0));
                }
            }

            foreach (var dg in dgs)
            {
                builder.AddGenerator(dg);
            }

            for (var r = 0; r < branch.Count; r++)
            {
                var row = Need(branch[r], 11, "branch", r);
                var ratio = row[8];
                if (ratio != 0 && ratio != 1)
                {
                    throw RowError("branch", r, $"branch {(int)row[0]}->{(int)row[1]} has tap ratio {row[8]}; off-nominal taps are not supported");
                }

                if (row[9] != 0)
                {
                    throw RowError("branch", r, $"branch {(int)row[0]}->{(int)row[1]} has phase shift {row[9]} deg; phase shifters are not supported");
                }

                builder.AddBranchPu(CheckId(row[0], "branch", r), CheckId(row[1], "branch", r), row[2], row[3], row[4], row[10] > 0);
            }

            return builder.Build();
        }

        private double[] Need(double[] row, int columns, string matrix, int r) =>
            row.Length >= columns ? row : throw RowError(matrix, r, $"needs at least {columns} columns, has {row.Length}");

        private int CheckId(double v, string matrix, int r) =>
            v == Math.Floor(v) && v is >= int.MinValue and <= int.MaxValue ? (int)v : throw RowError(matrix, r, $"bus id {v} is not an integer");

        private FormatException RowError(string matrix, int r, string message) =>
            new($"{Source}, line {MatrixLines[matrix][r]}: mpc.{matrix} row {r + 1}: {message}");
    }

    /// <summary>Recursive-descent evaluator for the scalar expressions of case files.</summary>
    private ref struct ExpressionParser(string text, CaseState state)
    {
        private readonly string _s = text;
        private int _p;

        public double ParseAll()
        {
            var v = Sum();
            Skip();
            if (_p != _s.Length)
            {
                throw new FormatException($"unexpected '{_s[_p..]}' in expression '{_s}'");
            }

            return v;
        }

        private double Sum()
        {
            var v = Product();
            while (true)
            {
                Skip();
                if (Eat('+'))
                {
                    v += Product();
                }
                else if (Eat('-'))
                {
                    v -= Product();
                }
                else
                {
                    return v;
                }
            }
        }

        private double Product()
        {
            var v = Unary();
            while (true)
            {
                Skip();
                if (Eat('*'))
                {
                    v *= Unary();
                }
                else if (Eat('/'))
                {
                    v /= Unary();
                }
                else
                {
                    return v;
                }
            }
        }

        private double Unary()
        {
            Skip();
            if (Eat('-'))
            {
                return -Unary();
            }

            if (Eat('+'))
            {
                return Unary();
            }

            return Power();
        }

        private double Power()
        {
            var v = Primary();
            Skip();
            if (Eat('^'))
            {
                return Math.Pow(v, Unary());
            }

            return v;
        }

        private double Primary()
        {
            Skip();
            if (_p >= _s.Length)
            {
                throw new FormatException($"expression '{_s}' ends early");
            }

            if (Eat('('))
            {
                var v = Sum();
                Skip();
                if (!Eat(')'))
                {
                    throw new FormatException($"missing ')' in '{_s}'");
                }

                return v;
            }

            var c = _s[_p];
            if (char.IsDigit(c) || c == '.')
            {
                var start = _p;
                while (_p < _s.Length && (char.IsDigit(_s[_p]) || _s[_p] == '.'))
                {
                    _p++;
                }

                if (_p < _s.Length && (_s[_p] == 'e' || _s[_p] == 'E'))
                {
                    _p++;
                    if (_p < _s.Length && (_s[_p] == '+' || _s[_p] == '-'))
                    {
                        _p++;
                    }

                    while (_p < _s.Length && char.IsDigit(_s[_p]))
                    {
                        _p++;
                    }
                }

                return double.Parse(_s.AsSpan(start, _p - start), NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = _p;
                while (_p < _s.Length && (char.IsLetterOrDigit(_s[_p]) || _s[_p] == '_' || _s[_p] == '.'))
                {
                    _p++;
                }

                var name = _s[start.._p];
                Skip();
                if (Eat('('))
                {
                    var a = Sum();
                    Skip();
                    double? b = null;
                    if (Eat(','))
                    {
                        b = Sum();
                        Skip();
                    }

                    if (!Eat(')'))
                    {
                        throw new FormatException($"missing ')' after {name}( in '{_s}'");
                    }

                    return Call(name, a, b);
                }

                return name switch
                {
                    "mpc.baseMVA" => state.BaseMva ?? throw new FormatException("mpc.baseMVA is used before it is defined"),
                    "pi" => Math.PI,
                    "Inf" or "inf" => double.PositiveInfinity,
                    _ => state.Variables.TryGetValue(name, out var v) ? v : throw new FormatException($"unknown name '{name}'"),
                };
            }

            throw new FormatException($"unexpected '{c}' in expression '{_s}'");
        }

        private readonly double Call(string name, double a, double? b)
        {
            if (name.StartsWith("mpc.", StringComparison.Ordinal))
            {
                var rows = state.Matrix(name[4..]);
                if (b is not { } col || a != Math.Floor(a) || col != Math.Floor(col) || a < 1 || a > rows.Count || col < 1 || col > rows[(int)a - 1].Length)
                {
                    throw new FormatException($"index ({a}, {b}) is outside {name}");
                }

                return rows[(int)a - 1][(int)col - 1];
            }

            if (b is not null)
            {
                throw new FormatException($"function '{name}' takes one argument");
            }

            return name switch
            {
                "sqrt" => Math.Sqrt(a),
                "sin" => Math.Sin(a),
                "cos" => Math.Cos(a),
                "tan" => Math.Tan(a),
                "asin" => Math.Asin(a),
                "acos" => Math.Acos(a),
                "atan" => Math.Atan(a),
                "exp" => Math.Exp(a),
                "log" => Math.Log(a),
                "log10" => Math.Log10(a),
                "abs" => Math.Abs(a),
                _ => throw new FormatException($"unknown function '{name}'"),
            };
        }

        private void Skip()
        {
            while (_p < _s.Length && char.IsWhiteSpace(_s[_p]))
            {
                _p++;
            }
        }

        private bool Eat(char c)
        {
            if (_p < _s.Length && _s[_p] == c)
            {
                _p++;
                return true;
            }

            return false;
        }
    }
}
