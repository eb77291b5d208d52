using Placement.Core.Costing;

namespace Placement.Planning;

/// <summary>A candidate the endpoint offers that the planner may not use, and the rule that removed it.</summary>
/// <param name="Candidate">The offering removed.</param>
/// <param name="Rule">The rule, e.g. <c>pin aws/us-east-1</c>, <c>residency eu (dataset raw)</c>, <c>global deny</c>.</param>
public sealed record ExcludedCandidate(Candidate Candidate, string Rule);
