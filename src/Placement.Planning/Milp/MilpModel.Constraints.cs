namespace Placement.Planning.Milp;

/// <summary>The scenario-wide constraints of the MILP: colocate, anti-affinity and GPU caps, and the stronger side rows (<c>MilpModel.SideRows.cs</c>).</summary>
internal sealed partial class MilpModel
{
    public void BuildConstraints()
    {
        var index = p.Nodes.ToDictionary(n => n.Name, n => n.Index, StringComparer.Ordinal);
        foreach (var group in p.Constraints.Colocate)
        {
            var members = group.Select(g => index[g]).ToList();
            var locations = members.SelectMany(m => p.Nodes[m].Locations).Distinct().ToList();
            for (var i = 1; i < members.Count; i++)
            {
                foreach (var l in locations)
                {
                    Lp.AddRow(At(members[0], l).Concat(Scaled(At(members[i], l), -1)), 0, 0);
                }
            }
        }

        foreach (var group in p.Constraints.AntiAffinity)
        {
            var members = group.Select(g => index[g]).ToList();
            foreach (var l in members.SelectMany(m => p.Nodes[m].Locations).Distinct())
            {
                Lp.AddRow(members.SelectMany(m => At(m, l)), 0, 1);
            }
        }

        for (var l = 0; l < p.Locations.Count; l++)
        {
            if (p.GpuCap(l) is not { } cap)
            {
                continue;
            }

            var terms = p.Nodes.SelectMany(n => Enumerable.Range(0, n.Candidates.Count)
                .Where(c => n.LocationIndex[c] == l && n.Gpus[c] > 0).Select(c => (x[n.Index][c], (double)n.Gpus[c]))).ToList();
            if (terms.Count > 0)
            {
                Lp.AddRow(terms, 0, cap);
            }
        }

        if (strong)
        {
            var colocate = p.Constraints.Colocate.Select(g => g.Select(m => index[m]).ToArray()).ToList();
            var fixedCount = FixUnfit(colocate);
            var readerRows = AntiAffinityReaderRows(p.Constraints.AntiAffinity.Select(g => g.Select(m => index[m]).ToArray()).ToList());
            SideRowsNote = $"{fixedCount} candidate columns fixed to 0 (GPU caps, colocate locations, deadline windows), {readerRows} anti-affinity reader rows";
        }
    }

    /// <summary>What the stronger side rows did (<see cref="FixUnfit"/>, <see cref="AntiAffinityReaderRows"/>); null when they are off.</summary>
    public string? SideRowsNote { get; private set; }
}
