namespace Placement.Data.Scenarios;

// "did you mean" suggestions for unknown names (edit distance).
public static partial class ScenarioLoader
{
    private static string? Suggest(string wrong, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(wrong, k))).OrderBy(p => p.d).ThenBy(p => p.k, StringComparer.Ordinal).FirstOrDefault();
        return best.k is not null && best.d <= Math.Max(2, wrong.Length / 3) ? $"did you mean '{best.k}'?" : null;
    }

    private static int Distance(string a, string b)
    {
        var prev = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var cur = new int[b.Length + 1];
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
            }

            prev = cur;
        }

        return prev[b.Length];
    }
}
