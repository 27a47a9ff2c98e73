using System.Text;
using CqSourceS3.Client.Text.JsonLines;

namespace CqSourceS3.Client.Tests.Text.JsonLines;

public sealed class ColumnIndexTests
{
    [Fact]
    public void Find_ManyColumns_EachFoundByItsNameWhateverTheExpectedPosition()
    {
        var index = new ColumnIndex();
        var names = Enumerable.Range(0, 1000).Select(i => $"column {i} é").ToList();
        names.ForEach(name => index.Add(Encoding.UTF8.GetBytes(name)));

        Assert.Equal(1000, index.Count);
        Assert.All(Enumerable.Range(0, 1000), i =>
        {
            var name = Encoding.UTF8.GetBytes(names[i]);
            Assert.Equal(i, index.Find(name));
            Assert.Equal(i, index.Find(name, expected: i));
            Assert.Equal(i, index.Find(name, expected: 999 - i));
            Assert.Equal(i, index.Find(name, expected: 5000));
        });
    }

    [Fact]
    public void Find_NameNotAColumn_MinusOne()
    {
        var index = new ColumnIndex();
        index.Add("a"u8);
        index.Add("ab"u8);

        Assert.Equal(-1, index.Find("b"u8, expected: 0));
        Assert.Equal(-1, index.Find(""u8));
        Assert.Equal(-1, index.Find("A"u8));
    }

    [Fact]
    public void Add_NameAlreadyAColumn_Throws()
    {
        var index = new ColumnIndex();
        index.Add("a"u8);

        Assert.Throws<ArgumentException>(() => index.Add("a"u8));
    }
}
