using LiftWing.Server.Slo;

namespace LiftWing.Server.Tests.Slo;

public sealed class SloQuarterTests
{
    [Theory]
    [InlineData("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("2027-01-15T10:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("2027-02-28T23:59:59Z", "2026-12-01T00:00:00Z")]
    [InlineData("2027-03-01T00:00:00Z", "2027-03-01T00:00:00Z")]
    [InlineData("2027-05-31T12:00:00Z", "2027-03-01T00:00:00Z")]
    [InlineData("2027-06-01T00:00:01Z", "2027-06-01T00:00:00Z")]
    [InlineData("2027-08-31T23:00:00Z", "2027-06-01T00:00:00Z")]
    [InlineData("2027-09-01T00:00:00Z", "2027-09-01T00:00:00Z")]
    [InlineData("2027-11-30T23:59:59Z", "2027-09-01T00:00:00Z")]
    [InlineData("2027-11-30T23:30:00-02:00", "2027-12-01T00:00:00Z")]
    public void Start_IsWikimediasOffsetQuarter(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            SloQuarter.Start(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
