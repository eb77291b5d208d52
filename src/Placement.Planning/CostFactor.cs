namespace Placement.Planning;

/// <summary>
/// A dense table of first-tier cost over the joint locations of a few nodes (the scope), used by
/// <see cref="TreewidthDpSolver"/>. Row-major: the last scope variable varies fastest.
/// </summary>
internal sealed class CostFactor
{
    /// <summary>A factor over <paramref name="scope"/> (ascending node indices) with domain sizes <paramref name="domains"/> (per node).</summary>
    public CostFactor(int[] scope, int[] domains)
    {
        Scope = scope;
        Strides = new int[scope.Length];
        long size = 1;
        for (var k = scope.Length - 1; k >= 0; k--)
        {
            Strides[k] = (int)size;
            size *= domains[scope[k]];
        }

        Table = new double[size];
    }

    /// <summary>Node indices, ascending.</summary>
    public int[] Scope { get; }

    /// <summary>Per scope position, the step in <see cref="Table"/> of one more value of that node.</summary>
    public int[] Strides { get; }

    /// <summary>Cost per joint assignment.</summary>
    public double[] Table { get; }

    /// <summary>The step of a node in the table, or 0 when the node is not in the scope.</summary>
    public int StrideOf(int node)
    {
        var k = Array.BinarySearch(Scope, node);
        return k >= 0 ? Strides[k] : 0;
    }
}
