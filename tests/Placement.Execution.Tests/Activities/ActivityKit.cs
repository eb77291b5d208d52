using Placement.Core.Model;
using Placement.Execution.Activities;
using Placement.Execution.Engine;
using Placement.Execution.Journal;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Activities;

/// <summary>A journal, local buckets and the services the activity bodies share, in a fresh folder.</summary>
internal sealed class ActivityKit : IDisposable
{
    public ActivityKit(string name)
    {
        Folder = TestKit.TempFolder(name);
        Storage = TestKit.Local(Folder);
        Journal = new SqliteJournal(Path.Combine(Folder, "journal.db"));
        Services = new ActivityServices(Storage, Journal, TimeProvider.System, new Backoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), 0, new Random(1)), 3, null);
    }

    public string Folder { get; }

    public StorageMap Storage { get; }

    public SqliteJournal Journal { get; }

    public ActivityServices Services { get; }

    public static Location Aws { get; } = Location.Parse("aws/us-east-1");

    public static Location Gcp { get; } = Location.Parse("gcp/us-west1");

    public async Task<string> PutAsync(Location bucket, string key, byte[] bytes)
    {
        using var s = new MemoryStream(bytes);
        await Storage.For(bucket).PutAsync(bucket, key, s, bytes.Length, default);
        return (await ContentHash.OfObjectAsync(Storage.For(bucket), bucket, key, default))!.Value.Sha256;
    }

    public void Dispose() => Journal.Dispose();
}
