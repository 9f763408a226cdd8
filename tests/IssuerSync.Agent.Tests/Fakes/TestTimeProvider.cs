using System.Collections.Concurrent;

namespace IssuerSync.Agent.Tests.Fakes;

/// <summary>
/// A clock the test moves: every timer the code asks for (backoff, interval) is recorded, moves the
/// clock forward by its due time, and fires at once, so retry schedules are asserted without waiting.
/// </summary>
public sealed class TestTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public TestTimeProvider()
        : this(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero))
    {
    }

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ImmediateTimer(this, System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ImmediateTimer(TestTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return inner.Change(dueTime, Timeout.InfiniteTimeSpan);
            }

            owner.Delays.Enqueue(dueTime);
            owner.Advance(dueTime);
            return inner.Change(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
