using Placement.Core.Costing;

namespace Placement.Planning;

/// <summary>Removing candidates of a <see cref="PlanningProblem"/> node dominated by another at the same location.</summary>
public sealed partial class PlanningProblem
{
    private static List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)> PruneDominated(
        List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)> kept, Func<List<ExcludedCandidate>> excludedList)
    {
        // At one location a candidate that is no cheaper, no lighter on GPUs and no faster than another can
        // never be needed: it changes no transfer, home or constraint except through those three numbers.
        if (OneCandidatePerLocation(kept))
        {
            // The common case (imported traces: one SKU per cloud): nothing can be dominated, and the offerings
            // (CandidateFinder.Offered) are already in candidate order.
            return kept;
        }

        var result = new List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)>();
        foreach (var group in kept.GroupBy(k => k.C.Location))
        {
            var list = group.OrderBy(k => k.P.TotalUsd).ThenBy(k => k.Gpus).ThenBy(k => k.Hours).ThenBy(k => k.C).ToList();
            foreach (var k in list)
            {
                var dominator = result.Where(r => r.C.Location == k.C.Location)
                    .FirstOrDefault(r => r.P.TotalUsd <= k.P.TotalUsd && r.Gpus <= k.Gpus && r.Hours <= k.Hours);
                if (dominator.C is not null)
                {
                    excludedList().Add(new ExcludedCandidate(k.C, $"dominated by {dominator.C.Offering} at the same location"));
                }
                else
                {
                    result.Add(k);
                }
            }
        }

        return result.OrderBy(r => r.C).ToList();
    }

    private static bool OneCandidatePerLocation(List<(Candidate C, NodeRunPrice P, int Gpus, double Hours)> kept)
    {
        for (var i = 0; i < kept.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (kept[j].C.Location == kept[i].C.Location)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
