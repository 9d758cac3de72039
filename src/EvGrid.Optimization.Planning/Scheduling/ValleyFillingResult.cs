using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>Which optimality certificate a <see cref="ValleyFillingResult"/> carries.</summary>
public enum OptimalityCertificate
{
    /// <summary>
    /// The Frank–Wolfe duality gap g = Σ_i max_{s_i ∈ X_i} ⟨∇f1(p), p_i − s_i⟩ ≥ f1(p) − f1*, with each linear
    /// minimisation over an EV's feasible set solved exactly.
    /// </summary>
    FrankWolfeDualityGap = 0,
}

/// <summary>The outcome of <see cref="ValleyFillingSolver.Solve"/>.</summary>
/// <param name="Schedule">The schedule (kW per EV per slot; passes <see cref="ScheduleChecker"/>).</param>
/// <param name="EvKw">Aggregate EV kW per day slot (+ charging, − discharging).</param>
/// <param name="TotalKw">Base load plus EV load per day slot (kW).</param>
/// <param name="LoadVarianceKw2">f1 of seed 000 eq. (10): Σ_t (P_base,t + P_ev,t − P̄)² (kW²), P̄ the daily mean of the total.</param>
/// <param name="PeakKw">Largest total load over the day (kW).</param>
/// <param name="Certificate">Which certificate <see cref="GapKw2"/> is.</param>
/// <param name="GapKw2">The certificate's value: an upper bound on f1 − f1* (kW²).</param>
/// <param name="RelativeGap"><see cref="GapKw2"/> / f1 (0 when both are 0).</param>
/// <param name="Iterations">Sweeps of best responses over the fleet.</param>
/// <param name="Converged">True when <see cref="RelativeGap"/> reached the tolerance.</param>
/// <param name="RelaxationTight">
/// False when the relaxed optimum of some V2G EV charged and discharged at once in a slot (both &gt; 1e-9 kW). The
/// solver then restricts each such slot to the direction it nets to and optimises on that convex subset, so the
/// schedule is feasible and optimal on the subset, but <see cref="GapKw2"/> (measured against the relaxation, a lower
/// bound on the true optimum) need not reach the tolerance.
/// </param>
public sealed record ValleyFillingResult(
    ChargeSchedule Schedule,
    IReadOnlyList<double> EvKw,
    IReadOnlyList<double> TotalKw,
    double LoadVarianceKw2,
    double PeakKw,
    OptimalityCertificate Certificate,
    double GapKw2,
    double RelativeGap,
    int Iterations,
    bool Converged,
    bool RelaxationTight)
{
    /// <summary>
    /// A lower bound on f1 of every feasible schedule (kW²): the largest f1 − gap met while the gap was measured on the
    /// full c/d relaxation, which contains the true feasible set. No scheduler can reach an f1 below it. At most
    /// <see cref="LoadVarianceKw2"/>; when the relaxation is not tight it is typically far closer to the true optimum
    /// than <see cref="LoadVarianceKw2"/> − <see cref="GapKw2"/>, because the relaxed optimum was certified before the
    /// restriction.
    /// </summary>
    public double LowerBoundKw2 { get; init; }

    /// <summary>
    /// (<see cref="LoadVarianceKw2"/> − <see cref="LowerBoundKw2"/>) / f1 (0 when f1 is 0): how far, at most, the returned
    /// schedule is from the true optimum, relative to its f1. The honest figure when <see cref="RelaxationTight"/> is false.
    /// </summary>
    public double RelativeBoundGap { get; init; }
}
