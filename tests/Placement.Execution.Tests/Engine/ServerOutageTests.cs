using Placement.Core.Model;
using Placement.Execution.Ports;
using Placement.Execution.Storage;

namespace Placement.Execution.Tests.Engine;

/// <summary>The storage server is stopped in the middle of a transfer and restarted: the transfer is retried and completes.</summary>
[Collection(ServersCollection.Name)]
public class ServerOutageTests
{
    private const string Yaml = """
        name: exec-outage
        storage: { default: aws/us-east-1, retentionMonths: 1 }
        nodes:
          - { name: big, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 24000000, handler: { kind: noop } }
          - { name: use, endpoint: { kind: vm, minVcpus: 2 }, work: { runtimeHours: 0.1 }, outputBytes: 24000000, handler: { kind: copy } }
        edges:
          - { from: big, to: use }
        """;

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    public async Task StartAsync_ServerStoppedMidTransfer_RetriedAndCompletesWithPlannedBytes(string which)
    {
        var folder = TestKit.TempFolder("outage-" + which);
        var (_, graph) = TestKit.Scenario(folder, Yaml);
        var plan = TestKit.PlanFor(graph, ("big", "aws/us-east-1"), ("use", "gcp/us-west1"));
        IStorageBackend server = which == "s3" ? new S3Backend(StorageServers.S3(StorageServers.Prefix())) : new AzureBlobBackend(StorageServers.Azure(StorageServers.Prefix()));
        var flaky = new StopServerMidUpload(server, which);
        var storage = new StorageMap(new LocalFolderBackend(Path.Combine(folder, "buckets")), new Dictionary<string, IStorageBackend> { ["gcp"] = flaky });
        using var executor = TestKit.Executor(Path.Combine(folder, "state"), storage, o =>
        {
            o.TransferAttempts = 40;
            o.BackoffBase = TimeSpan.FromMilliseconds(100);
            o.BackoffMax = TimeSpan.FromMilliseconds(500);
        });
        var retries = new List<RunEvent.TransferRetry>();
        var result = await executor.StartAsync(new RunRequest(graph, plan, folder), new SyncProgress(e => { if (e is RunEvent.TransferRetry r) { lock (retries) { retries.Add(r); } } }), default);
        await flaky.Restarted;

        Assert.True(result.Status == RunStatus.Succeeded, string.Join("\n", result.Errors));
        Assert.True(flaky.Stopped);
        Assert.Contains(retries, r => r.Data == "big");
        var move = Assert.Single(result.Transfers);
        Assert.Equal(24_000_000, move.Bytes);
        Assert.True(move.Attempts > 1);
        var stored = await ContentHash.OfObjectAsync(server, Location.Parse("gcp/us-west1"), StorageKey.ForRunOutput("exec-outage", result.RunId, "big"), default);
        Assert.Equal(result.Nodes.Single(n => n.Node == "big").Sha256, stored?.Sha256);
    }

    /// <summary>Stops the real server (scripts/servers.sh) after the first 8 MB of the first upload, and restarts it a second later.</summary>
    private sealed class StopServerMidUpload(IStorageBackend inner, string which) : IStorageBackend
    {
        private readonly TaskCompletionSource restarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int armed = 1;

        public bool Stopped { get; private set; }

        public Task Restarted => Stopped ? restarted.Task : Task.CompletedTask;

        public string Kind => inner.Kind;

        public string UriOf(Location bucket, string key) => inner.UriOf(bucket, key);

        public Task PutAsync(Location bucket, string key, Stream content, long lengthBytes, CancellationToken cancel)
        {
            if (Interlocked.Exchange(ref armed, 0) == 1)
            {
                content = new TripStream(content, 8_000_000, () =>
                {
                    StorageServers.Stop(which);
                    Stopped = true;
                    _ = Task.Run(async () =>
                    {
                        await Task.Delay(1000);
                        StorageServers.Start(which);
                        restarted.SetResult();
                    });
                });
            }

            return inner.PutAsync(bucket, key, content, lengthBytes, cancel);
        }

        public Task<StoredStream> OpenReadAsync(Location bucket, string key, CancellationToken cancel) => inner.OpenReadAsync(bucket, key, cancel);

        public Task<long?> SizeAsync(Location bucket, string key, CancellationToken cancel) => inner.SizeAsync(bucket, key, cancel);

        public Task DeleteAsync(Location bucket, string key, CancellationToken cancel) => inner.DeleteAsync(bucket, key, cancel);

        public Task<bool> TryServerSideCopyAsync(Location from, Location to, string key, CancellationToken cancel) => inner.TryServerSideCopyAsync(from, to, key, cancel);
    }

    /// <summary>Passes bytes through and calls <c>trip</c> once, after <c>after</c> bytes have been read.</summary>
    private sealed class TripStream(Stream inner, long after, Action trip) : Stream
    {
        private long read;
        private bool tripped;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            read += n;
            if (!tripped && read >= after)
            {
                tripped = true;
                trip();
            }

            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
