namespace EvGrid.Optimization.Network;

/// <summary>
/// The bus admittance matrix Y = G + jB of a network in compressed rows (diagonal included): π-model branches, the
/// constant-impedance part of loads and shunts on the diagonal.
/// </summary>
internal sealed class AdmittanceMatrix
{
    private AdmittanceMatrix(int[] rowStart, int[] column, int[] diagonal, double[] g, double[] b)
    {
        RowStart = rowStart;
        Column = column;
        Diagonal = diagonal;
        G = g;
        B = b;
    }

    /// <summary>Start of each row in <see cref="Column"/>, <see cref="G"/>, <see cref="B"/> (n + 1 entries).</summary>
    public int[] RowStart { get; }

    /// <summary>Column (bus index) of each entry, ascending within a row.</summary>
    public int[] Column { get; }

    /// <summary>Position of the diagonal entry of each row.</summary>
    public int[] Diagonal { get; }

    /// <summary>Conductance of each entry, pu.</summary>
    public double[] G { get; }

    /// <summary>Susceptance of each entry, pu.</summary>
    public double[] B { get; }

    public static AdmittanceMatrix Build(PowerNetwork network)
    {
        var n = network.BusCount;
        var rows = new SortedDictionary<int, (double G, double B)>[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new SortedDictionary<int, (double, double)> { [i] = (network.ShuntG[i], network.ShuntB[i]) };
        }

        for (var k = 0; k < network.BranchFrom.Length; k++)
        {
            int f = network.BranchFrom[k], t = network.BranchTo[k];
            double r = network.BranchR[k], x = network.BranchX[k], hb = network.BranchB[k] / 2;
            var d = (r * r) + (x * x);
            double g = r / d, b = -x / d;
            Add(rows[f], f, g, b + hb);
            Add(rows[t], t, g, b + hb);
            Add(rows[f], t, -g, -b);
            Add(rows[t], f, -g, -b);
        }

        var rowStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            rowStart[i + 1] = rowStart[i] + rows[i].Count;
        }

        var column = new int[rowStart[n]];
        var gv = new double[rowStart[n]];
        var bv = new double[rowStart[n]];
        var diagonal = new int[n];
        for (var i = 0; i < n; i++)
        {
            var p = rowStart[i];
            foreach (var (c, (g, b)) in rows[i])
            {
                column[p] = c;
                gv[p] = g;
                bv[p] = b;
                if (c == i)
                {
                    diagonal[i] = p;
                }

                p++;
            }
        }

        return new AdmittanceMatrix(rowStart, column, diagonal, gv, bv);
    }

    /// <summary>The Jacobian pattern for slack bus <paramref name="slack"/>, built once and cached.</summary>
    public JacobianPattern JacobianPattern(int slack)
    {
        var cached = _pattern;
        if (cached is not null && _patternSlack == slack)
        {
            return cached;
        }

        var pattern = BuildPattern(slack);
        _patternSlack = slack;
        _pattern = pattern;
        return pattern;
    }

    private JacobianPattern? _pattern;
    private int _patternSlack = -1;

    private JacobianPattern BuildPattern(int slack)
    {
        var n = RowStart.Length - 1;

        // Breadth-first order from the slack over the admittance graph; positions are assigned leaves-first.
        var bfs = new List<int>(n) { slack };
        var seen = new bool[n];
        seen[slack] = true;
        for (var q = 0; q < bfs.Count; q++)
        {
            var i = bfs[q];
            for (var e = RowStart[i]; e < RowStart[i + 1]; e++)
            {
                if (!seen[Column[e]])
                {
                    seen[Column[e]] = true;
                    bfs.Add(Column[e]);
                }
            }
        }

        var position = new int[n];
        Array.Fill(position, -1);
        var m = 0;
        for (var q = bfs.Count - 1; q >= 1; q--)
        {
            position[bfs[q]] = m++;
        }

        var order = 2 * m;
        var rowPointer = new int[order + 1];
        var entrySlot = new int[Column.Length];
        Array.Fill(entrySlot, -1);
        var columns = new List<int>();
        var byPosition = new int[m];
        for (var i = 0; i < n; i++)
        {
            if (position[i] >= 0)
            {
                byPosition[position[i]] = i;
            }
        }

        for (var pos = 0; pos < m; pos++)
        {
            var i = byPosition[pos];
            var entries = new List<int>();
            for (var e = RowStart[i]; e < RowStart[i + 1]; e++)
            {
                if (Column[e] != slack)
                {
                    entries.Add(e);
                }
            }

            entries.Sort((a, b) => position[Column[a]].CompareTo(position[Column[b]]));
            var rowColumns = new List<int>(2 * entries.Count);
            for (var k = 0; k < entries.Count; k++)
            {
                entrySlot[entries[k]] = k;
                rowColumns.Add(2 * position[Column[entries[k]]]);
                rowColumns.Add((2 * position[Column[entries[k]]]) + 1);
            }

            // Both rows of the bus (P and Q) share the column pattern.
            rowPointer[(2 * pos) + 1] = rowPointer[2 * pos] + rowColumns.Count;
            rowPointer[(2 * pos) + 2] = rowPointer[(2 * pos) + 1] + rowColumns.Count;
            columns.AddRange(rowColumns);
            columns.AddRange(rowColumns);
        }

        return new JacobianPattern
        {
            Order = order,
            Position = position,
            RowPointer = rowPointer,
            ColumnIndex = [.. columns],
            EntrySlot = entrySlot,
        };
    }

    private static void Add(SortedDictionary<int, (double G, double B)> row, int c, double g, double b) =>
        row[c] = row.TryGetValue(c, out var old) ? (old.G + g, old.B + b) : (g, b);
}

/// <summary>
/// Sparsity pattern of the Newton Jacobian in compressed rows, unknowns ordered leaves-first (reverse breadth-first
/// from the slack): θ of bus i is unknown 2·Position[i], |V| is 2·Position[i] + 1. On a radial network Gaussian
/// elimination in this order creates no fill-in, so ILU(0) is an exact LU.
/// </summary>
internal sealed class JacobianPattern
{
    public required int Order { get; init; }

    public required int[] Position { get; init; }

    public required int[] RowPointer { get; init; }

    public required int[] ColumnIndex { get; init; }

    /// <summary>For each admittance entry (i, h) with h not the slack: its block index within bus i's rows.</summary>
    public required int[] EntrySlot { get; init; }
}
