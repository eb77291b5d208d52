namespace Placement.Planning.Tests;

/// <summary>DAG shapes of <see cref="RandomInstances.Scenario"/>.</summary>
public enum Shape
{
    /// <summary>Each node reads each earlier node (and the dataset) with probability 1/3.</summary>
    Random,

    /// <summary>Random, but every data item has at most one reader (chains and in-trees).</summary>
    Tree,

    /// <summary>A chain n0 -> n1 -> ...</summary>
    Chain,

    /// <summary>Series-parallel: chains, forks into branches, joins.</summary>
    SeriesParallel,

    /// <summary>Layers of three nodes, each node reading one or two nodes of the layer before.</summary>
    Layered,
}
