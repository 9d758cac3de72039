using System.Collections.Concurrent;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Objectives.Siting;

namespace EvGrid.Optimization.Planning.Siting;

/// <summary>
/// The upper level of seed 002 (§4.1) as an <see cref="IProblem"/> for any registered single-objective optimizer:
/// the decision vector holds the DG units at each wind and PV candidate and each station's capacity (eqs. (17), (19)
/// as bounds); each candidate plan is evaluated through the lower level on every typical day
/// (<see cref="PlanEvaluator"/>).
/// </summary>
/// <remarks>
/// <para>Objective (minimised, its negative reported): schemes 1 and 2 maximise the comprehensive evaluation index
/// f_U of eq. (16) with the eq. (15) references <see cref="References"/>; scheme 3 maximises F1 (in 10⁴ CNY/year).</para>
/// <para>Constraints g ≤ 0: g1 the installed DG above the eq. (18) limit (kW) — such a plan is not evaluated further
/// (objective 0), feasibility-first ranking already places it behind every feasible plan; g2 the voltage-limit
/// violation of eq. (26) summed over the typical days (pu), +∞ when a power flow does not converge; g3 the
/// branch-current overload of eq. (27), Σ over days, slots and branches of |I_ij| / I_ij,max − 1 where positive (pu
/// of the ratings), +∞ when a power flow does not converge.</para>
/// <para>Lower-level results are cached by plan (unit counts and whole-kW capacities): a swarm that converges
/// re-proposes the same plans. The cache holds pure function values, so results do not depend on the thread count.</para>
/// </remarks>
public sealed class SitingProblem : IProblem
{
    private readonly ConcurrentDictionary<string, (double Objective, double G1, double G2, double G3)> _cache = new(StringComparer.Ordinal);
    private readonly ObjectiveDescriptor[] _descriptors;

    /// <summary>Creates the upper-level problem of a scheme.</summary>
    /// <param name="model">The planning model.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="references">Eq. (15) references of the index (used by schemes 1 and 2; every scheme's index is reported with them).</param>
    public SitingProblem(SitingModel model, SitingScheme scheme, ObjectiveReferences references)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(references);
        references.Validate();
        if (!Enum.IsDefined(scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "scheme must be 1, 2 or 3.");
        }

        Model = model;
        Scheme = scheme;
        References = references;
        var c = model.Case;
        var lower = new double[c.Dimension];
        var upper = new double[c.Dimension];
        var dg = c.WindNodes.Count + c.PvNodes.Count;
        for (var i = 0; i < dg; i++)
        {
            upper[i] = c.MaxUnitsPerNode + 1 - 1e-9;
        }

        for (var i = dg; i < c.Dimension; i++)
        {
            lower[i] = c.StationMinKw;
            upper[i] = c.StationMaxKw;
        }

        Bounds = new Bounds(lower, upper);
        _descriptors = scheme == SitingScheme.V2gProfitOnly
            ? [new ObjectiveDescriptor("F1 comprehensive profit", "10^4 CNY/year", ObjectiveSense.Maximize)]
            : [new ObjectiveDescriptor("fU comprehensive evaluation index", "pu", ObjectiveSense.Maximize)];
    }

    /// <summary>The planning model.</summary>
    public SitingModel Model { get; }

    /// <summary>The scheme.</summary>
    public SitingScheme Scheme { get; }

    /// <summary>Eq. (15) references.</summary>
    public ObjectiveReferences References { get; }

    /// <inheritdoc/>
    public string Name => $"seed002-{Model.Case.Name}-scheme{(int)Scheme}";

    /// <inheritdoc/>
    public int Dimension => Model.Case.Dimension;

    /// <inheritdoc/>
    public Bounds Bounds { get; }

    /// <inheritdoc/>
    public int ObjectiveCount => 1;

    /// <inheritdoc/>
    public int ConstraintCount => 3;

    /// <inheritdoc/>
    public IReadOnlyList<ObjectiveDescriptor> Objectives => _descriptors;

    /// <inheritdoc/>
    public bool PreferParallelEvaluation => true;

    /// <summary>Distinct plans evaluated through the lower level so far.</summary>
    public int DistinctPlans => _cache.Count;

    /// <summary>The value the optimizer minimises for an outcome: −f_U (schemes 1, 2) or −F1 / 10⁴ (scheme 3).</summary>
    /// <param name="outcome">A plan outcome.</param>
    /// <returns>The minimised objective.</returns>
    public double Objective(PlanOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Scheme == SitingScheme.V2gProfitOnly
            ? -outcome.Objectives.F1 / 1e4
            : -Model.Case.Weights.Index(References, outcome.Objectives);
    }

    /// <inheritdoc/>
    public IProblemEvaluator CreateEvaluator() => new Evaluator(this);

    private sealed class Evaluator(SitingProblem problem) : IProblemEvaluator
    {
        private readonly PlanEvaluator _plans = problem.Model.CreateEvaluator();

        public void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
        {
            var c = problem.Model.Case;
            var plan = SitingPlan.Decode(c, x);
            var excess = plan.WindKw(c) + plan.PvKw(c) - c.MaxTotalDgKw;
            if (excess > 0)
            {
                objectives[0] = 0;
                constraints[0] = excess;
                constraints[1] = 0;
                constraints[2] = 0;
                return;
            }

            var key = plan.Key;
            if (!problem._cache.TryGetValue(key, out var value))
            {
                var outcome = _plans.Evaluate(plan, problem.Scheme);
                value = (problem.Objective(outcome), excess, outcome.VoltageViolationPu, outcome.BranchOverloadPu);
                problem._cache.TryAdd(key, value);
            }

            objectives[0] = value.Objective;
            constraints[0] = value.G1;
            constraints[1] = value.G2;
            constraints[2] = value.G3;
        }
    }
}
