namespace Placement.Execution.Storage;

/// <summary>
/// Settings of the S3 backend. Credentials are held here only; <see cref="ToString"/> never shows them, and
/// nothing writes them to plans, traces, journals or logs.
/// </summary>
/// <param name="ServiceUrl">Endpoint URL (s3rver, GCS XML <c>https://storage.googleapis.com</c>, R2); null for AWS itself.</param>
/// <param name="SigningRegion">Region used to sign requests (AWS region; <c>auto</c> for R2; any for s3rver).</param>
/// <param name="AccessKeyId">Access key id.</param>
/// <param name="SecretAccessKey">Secret access key.</param>
/// <param name="BucketPrefix">Bucket names are <c>PREFIX-PROVIDER-REGION</c>.</param>
/// <param name="ForcePathStyle">Path-style addressing (needed by s3rver and most compatible services).</param>
public sealed record S3Options(string? ServiceUrl, string SigningRegion, string AccessKeyId, string SecretAccessKey, string BucketPrefix, bool ForcePathStyle)
{
    /// <summary>
    /// Reads <c>PLACEMENT_S3_URL</c>, <c>AWS_REGION</c> (default us-east-1), <c>AWS_ACCESS_KEY_ID</c>,
    /// <c>AWS_SECRET_ACCESS_KEY</c> and <c>PLACEMENT_S3_BUCKET_PREFIX</c> (default <c>placement</c>).
    /// </summary>
    public static S3Options FromEnvironment(Func<string, string?> env) => new(
        NullIfEmpty(env("PLACEMENT_S3_URL")),
        NullIfEmpty(env("AWS_REGION")) ?? "us-east-1",
        env("AWS_ACCESS_KEY_ID") ?? "",
        env("AWS_SECRET_ACCESS_KEY") ?? "",
        NullIfEmpty(env("PLACEMENT_S3_BUCKET_PREFIX")) ?? "placement",
        true);

    /// <summary>Every problem with these settings (empty when usable); the secrets themselves are never quoted.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (AccessKeyId.Length == 0 || SecretAccessKey.Length == 0)
        {
            problems.Add("S3 storage needs credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }

        if (ServiceUrl is not null && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
        {
            problems.Add($"PLACEMENT_S3_URL '{ServiceUrl}' is not an absolute URL");
        }

        if (BucketPrefix.Length is 0 or > 20 || !BucketPrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add("PLACEMENT_S3_BUCKET_PREFIX must be 1-20 lower-case letters, digits or '-'");
        }

        return problems;
    }

    /// <inheritdoc />
    public override string ToString() => $"S3Options {{ ServiceUrl = {ServiceUrl ?? "(AWS)"}, SigningRegion = {SigningRegion}, BucketPrefix = {BucketPrefix}, credentials = (hidden) }}";

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
