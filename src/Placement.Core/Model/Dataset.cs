namespace Placement.Core.Model;

/// <summary>An input data item that exists before the run, stored at <paramref name="Home"/>.</summary>
/// <param name="Name">Unique among nodes and datasets.</param>
/// <param name="Home">Location of the bucket holding it.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Residency">Geos this data and everything derived from it must stay in; empty means unrestricted.</param>
/// <param name="Uri">Where an executor finds it (optional; planning does not need it).</param>
public sealed record Dataset(string Name, Location Home, long Bytes, IReadOnlyList<Geo> Residency, string? Uri);
