namespace ClientReminders.Tests.Infrastructure;

/// <summary>A clock that moves only when a test advances it, firing due timers in order.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = target;
                    return;
                }
                _now = next.Due;
                if (next.Period is { } period && period > TimeSpan.Zero)
                {
                    next.Due += period;
                }
                else
                {
                    _timers.Remove(next);
                }
            }
            next.Fire();
        }
    }

    /// <summary>Waits (in real time) until the code under test has scheduled a timer due exactly at <paramref name="due"/>.</summary>
    public async Task WaitForTimerDueAtAsync(DateTimeOffset due, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (!HasTimerDueAt(due))
        {
            await Task.Delay(10, cancellation.Token);
        }
    }

    private bool HasTimerDueAt(DateTimeOffset due)
    {
        lock (_gate)
        {
            return _timers.Any(t => t.Due == due);
        }
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }
                Due = clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
                clock._timers.Add(this);
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
