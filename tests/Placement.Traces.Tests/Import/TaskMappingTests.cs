using Placement.Traces.Import;

namespace Placement.Traces.Tests.Import;

public sealed class TaskMappingTests
{
    [Fact]
    public void Parse_FullTemplate_ReadsKindNamesAndLocations()
    {
        var rule = Assert.Single(TaskMapping.Parse(["bwa*=vm:m5.2xlarge|n2-standard-8@aws/us-east-1,gcp/*"]).Value!);
        Assert.Equal("vm", rule.Kind);
        Assert.Equal(["m5.2xlarge", "n2-standard-8"], rule.Names);
        Assert.Equal(["aws/us-east-1", "gcp/*"], rule.Allow.Select(a => a.Text));
        Assert.True(rule.Matches("bwa_index", "x"));
        Assert.True(rule.Matches("other", "bwa_ID1"));
        Assert.False(rule.Matches("cat_bwa", "cat_bwa_ID1"));
    }

    [Theory]
    [InlineData("nobody", "is not TASK_PATTERN=NODE_TEMPLATE")]
    [InlineData("x=gpu", "'gpu' is not an endpoint kind")]
    [InlineData("x=llm", "needs a name")]
    [InlineData("x=vm@moon", "'moon' is not a location pattern")]
    public void Parse_BadRule_NamesMapOptionAndRule(string rule, string message)
    {
        var problem = Assert.Single(TaskMapping.Parse([rule]).Problems);
        Assert.Equal("--map", problem.Field);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_UnmappedCategory_ReportsItWithCount()
    {
        var trace = TestData.Load("1.5", "srasearch-chameleon-10a-001");
        var result = ScenarioImporter.Import(trace, "sra.json", TaskMapping.Parse(["bowtie2*=vm@aws/us-east-1"]).Value!, null, null);
        Assert.Equal(["10 task(s) of type 'fasterq-dump' in sra.json match no --map rule", "1 task(s) of type 'merge' in sra.json match no --map rule"],
            result.Problems.Select(p => p.Message));
    }

    [Fact]
    public void Import_NoExactLocationAndNoDataHome_AsksForDataHome()
    {
        var trace = TestData.Load("1.5", "srasearch-chameleon-10a-001");
        var problem = Assert.Single(ScenarioImporter.Import(trace, "sra.json", TaskMapping.Parse(["*=vm@aws/*"]).Value!, null, null).Problems);
        Assert.Equal("--data-home", problem.Field);
    }

    [Fact]
    public void Import_Bytes_EdgesCarryTheFilesChildrenRead()
    {
        var trace = TestData.Load("1.5", "epigenomics-chameleon-hep-1seq-100k-001");
        var yaml = ScenarioImporter.Import(trace, "epi.json", TaskMapping.Parse(["*=vm@aws/us-east-1"]).Value!, "epi", null).Value!;
        Assert.Contains("name: \"epi\"", yaml, StringComparison.Ordinal);
        Assert.Contains("{ from: \"mapMerge_mapMerge_HEP2_MSP1_Digests_ID0000021\", to: \"chr21_chr21_ID0000001\", bytes: 8974436 }", yaml, StringComparison.Ordinal);
        Assert.Contains("{ name: \"maq\", home: aws/us-east-1, bytes: 171256 }", yaml, StringComparison.Ordinal);
    }
}
