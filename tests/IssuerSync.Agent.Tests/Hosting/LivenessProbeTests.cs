using IssuerSync.Agent.Hosting;

namespace IssuerSync.Agent.Tests.Hosting;

/// <summary>The decision of <c>probe</c>, against a clock the test sets: fresh, stale, missing, and the one line that says why.</summary>
public sealed class LivenessProbeTests : IDisposable
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(20);
    private readonly TempDirectory _dir = new();
    private readonly TestTimeProvider _clock = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(19 * 60 + 59)]
    [InlineData(20 * 60)]
    public void Problem_IsNull_WhenTheFileWasTouchedWithinMaxAge(int secondsAgo)
    {
        var file = Touched(TimeSpan.FromSeconds(secondsAgo));

        Assert.Null(LivenessProbe.Problem(file, MaxAge, _clock));
    }

    [Fact]
    public void Problem_IsNull_WhenTheFileIsStampedAheadOfTheClock()
    {
        var file = Touched(TimeSpan.FromMinutes(-5));

        Assert.Null(LivenessProbe.Problem(file, MaxAge, _clock));
    }

    [Theory]
    [InlineData(20 * 60 + 1, "20m1s")]
    [InlineData(25 * 60 + 13, "25m13s")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 7, "3h")]
    [InlineData(2 * 86400 + 3 * 3600 + 4 * 60, "2d3h")]
    public void Problem_SaysWhenTheFileWasLastTouched_WhenItIsOlderThanMaxAge(int secondsAgo, string ago)
    {
        var file = Touched(TimeSpan.FromSeconds(secondsAgo));

        Assert.Equal(
            $"{file} was last touched {ago} ago, older than --max-age 20m: the agent's cycles have been failing for longer than its --failure-threshold (see its logs)",
            LivenessProbe.Problem(file, MaxAge, _clock));
    }

    [Fact]
    public void Problem_NamesTheMaxAgeGiven_WhenTheFileIsOlder()
    {
        var file = Touched(TimeSpan.FromSeconds(91));

        Assert.Equal(
            $"{file} was last touched 1m31s ago, older than --max-age 90s: the agent's cycles have been failing for longer than its --failure-threshold (see its logs)",
            LivenessProbe.Problem(file, TimeSpan.FromSeconds(90), _clock));
    }

    [Fact]
    public void Problem_SaysTheFileIsMissing_WhenNothingIsAtThePath()
    {
        var file = _dir.File("never-touched");

        Assert.Equal(
            $"{file} is missing: the agent has not finished a healthy cycle since it started, or its --liveness-file is another path",
            LivenessProbe.Problem(file, MaxAge, _clock));
    }

    [Fact]
    public void Problem_SaysThePathIsADirectory_WhenItIsOneEvenAFreshOne()
    {
        var directory = Directory.CreateDirectory(_dir.File("alive")).FullName;
        Directory.SetLastWriteTimeUtc(directory, _clock.GetUtcNow().UtcDateTime);

        Assert.Equal(
            $"{directory} is a directory, not the file the agent touches: give --liveness-file the agent's own --liveness-file",
            LivenessProbe.Problem(directory, MaxAge, _clock));
    }

    [Fact]
    public void Run_Returns0AndWritesNothing_WhenTheFileIsFresh()
    {
        var stderr = new StringWriter();

        Assert.Equal(0, AgentProbeCommandLine.Run(Touched(TimeSpan.FromMinutes(1)), MaxAge, _clock, "issuersync-agent", stderr));
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void Run_Returns1WithOneLineStartingWithTheProgram_WhenTheFileIsStale()
    {
        var file = Touched(TimeSpan.FromMinutes(21));
        var stderr = new StringWriter();

        Assert.Equal(1, AgentProbeCommandLine.Run(file, MaxAge, _clock, "issuersync-agent", stderr));
        Assert.Equal($"issuersync-agent: unhealthy: {LivenessProbe.Problem(file, MaxAge, _clock)}\n", stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void DefaultMaxAge_IsTheDefaultFailureThresholdPlusOneDefaultInterval()
    {
        Assert.Equal(TimeSpan.FromMinutes(20), AgentProbeCommandLine.DefaultMaxAge);
    }

    private string Touched(TimeSpan ago)
    {
        var file = _dir.Write("alive", "2026-11-23T09:30:00.0000000+00:00\n");
        File.SetLastWriteTimeUtc(file, (_clock.GetUtcNow() - ago).UtcDateTime);
        return file;
    }
}
