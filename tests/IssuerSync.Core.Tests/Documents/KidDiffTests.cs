using System.Text;
using IssuerSync.Core.Documents;

namespace IssuerSync.Core.Tests.Documents;

public sealed class KidDiffTests
{
    private static byte[] Jwks(params string[] kids)
        => Encoding.UTF8.GetBytes("{\"keys\":[" + string.Join(",", kids.Select(k => $"{{\"kty\":\"EC\",\"kid\":\"{k}\"}}")) + "]}");

    [Fact]
    public void Between_SortsKidsIntoAddedKeptAndRemoved_InDocumentOrder()
    {
        var diff = KidDiff.Between(Jwks("a", "b", "c"), Jwks("d", "b", "e", "a"));

        Assert.Equal(["d", "e"], diff.Added);
        Assert.Equal(["b", "a"], diff.Kept);
        Assert.Equal(["c"], diff.Removed);
        Assert.False(diff.ServedUnreadable);
    }

    [Fact]
    public void Between_AddsEveryKid_WhenNothingIsServed()
    {
        var diff = KidDiff.Between(null, Jwks("a", "b"));

        Assert.Equal(["a", "b"], diff.Added);
        Assert.Empty(diff.Kept);
        Assert.Empty(diff.Removed);
        Assert.False(diff.ServedUnreadable);
    }

    [Fact]
    public void Between_RemovesEveryServedKid_WhenTheServedJwksIsEmptyOfThem()
    {
        var diff = KidDiff.Between(Jwks("x", "y"), Jwks("a"));

        Assert.Equal(["a"], diff.Added);
        Assert.Equal(["x", "y"], diff.Removed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"keys\":{}}")]
    [InlineData("{\"keys\":\"a\"}")]
    [InlineData("{\"Keys\":[{\"kid\":\"a\"}]}")]
    [InlineData("{\"keys\":[{\"kid\":\"a\"}]")]
    public void Between_MarksTheServedJwksUnreadable_AndRemovesNothing_WhenItIsNotAJwks(string served)
    {
        var diff = KidDiff.Between(Encoding.UTF8.GetBytes(served), Jwks("a"));

        Assert.True(diff.ServedUnreadable);
        Assert.Equal(["a"], diff.Added);
        Assert.Empty(diff.Kept);
        Assert.Empty(diff.Removed);
    }

    [Theory]
    [InlineData("{\"keys\":[{\"kid\":1},{\"kty\":\"RSA\"},\"a\",null,{\"kid\":\"a\"},{\"kid\":\"a\"}]}")]
    [InlineData("{\"keys\":[{\"kid\":\"a\",\"kid\":\"a\"}]}")]
    public void Between_ReadsOnlyStringKids_OnceEach_WhenTheServedJwksHasOddEntries(string served)
    {
        var diff = KidDiff.Between(Encoding.UTF8.GetBytes(served), Jwks("a"));

        Assert.False(diff.ServedUnreadable);
        Assert.Equal(["a"], diff.Kept);
        Assert.Empty(diff.Removed);
        Assert.Empty(diff.Added);
    }

    [Fact]
    public void Between_ComparesKidsByExactBytes_WhenTheyDifferOnlyInCase()
    {
        var diff = KidDiff.Between(Jwks("Abc"), Jwks("abc"));

        Assert.Equal(["abc"], diff.Added);
        Assert.Equal(["Abc"], diff.Removed);
    }
}
