using Placement.Data;
using Placement.Execution.Engine;

namespace Placement.Execution.Tests.Engine;

public class StorageFactoryTests
{
    [Fact]
    public void Create_ProviderWords_MapsProvidersAndDefault()
    {
        var env = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "id",
            ["AWS_SECRET_ACCESS_KEY"] = "secret-value-xyz",
            ["PLACEMENT_S3_URL"] = "http://127.0.0.1:1",
            ["AZURE_STORAGE_CONNECTION_STRING"] = Placement.Execution.Storage.AzureBlobOptions.AzuriteConnectionString(1),
        };
        var map = StorageFactory.Create(["aws=s3", "azure=azure", "local"], TestKit.TempFolder("factory"), k => env.GetValueOrDefault(k));
        Assert.Equal("aws=s3, azure=azure, *=local", map.ToString());
        Assert.True(map.SameService(Core.Model.Location.Parse("gcp/us-west1"), Core.Model.Location.Parse("openai/global")));
        Assert.False(map.SameService(Core.Model.Location.Parse("aws/us-east-1"), Core.Model.Location.Parse("azure/eastus")));
        Assert.DoesNotContain("secret-value-xyz", map.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownKindAndMissingCredentials_AllProblemsAtOnce()
    {
        var e = Assert.Throws<InputException>(() => StorageFactory.Create(["ftp", "aws=s3", "azure=azure"], TestKit.TempFolder("factory2"), _ => null));
        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void Redact_SecretShapedParameters_Hidden()
    {
        var text = SecretRedactor.Redact("GET /x?sig=abc123&se=1 AccountKey=Zm9v; api_key=sk-1");
        Assert.DoesNotContain("abc123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zm9v", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Redact_SharedKeyAuthorizationHeader_SignatureHidden()
    {
        var text = SecretRedactor.Redact("Authorization: SharedKey devstoreaccount1:q8Xv+2/abc= next");
        Assert.DoesNotContain("q8Xv+2/abc=", text, StringComparison.Ordinal);
        Assert.Contains("SharedKey devstoreaccount1:(redacted) next", text, StringComparison.Ordinal);
    }
}
