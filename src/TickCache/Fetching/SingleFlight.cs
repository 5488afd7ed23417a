namespace TickCache.Fetching;

/// <summary>
/// One in-flight operation per key: concurrent callers of the same key share one execution. The shared execution is
/// cancelled only when every waiting caller has cancelled; a caller that cancels gets its own
/// <see cref="OperationCanceledException"/> at once while the others keep waiting. Results and failures are handed to
/// the callers waiting at that moment and never cached: the next call after completion starts afresh. A result that
/// must be handed out once per caller (a reference count) is shared through the optional <c>share</c> callback, told
/// how many callers are waiting when the result is ready. Thread-safe.
/// </summary>
internal sealed class SingleFlight<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, Flight> _flights = [];
    private readonly Lock _lock = new();

    /// <summary>Callers currently waiting on <paramref name="key"/> (for tests that gate on "everybody has joined").</summary>
    public int Waiters(TKey key)
    {
        lock (_lock)
        {
            return _flights.TryGetValue(key, out var flight) ? flight.Waiters : 0;
        }
    }

    /// <summary>Runs <paramref name="operation"/> for <paramref name="key"/>, or joins the run in flight.</summary>
    /// <param name="key">What the run is for.</param>
    /// <param name="operation">The shared work.</param>
    /// <param name="cancellationToken">Cancels this caller's wait; the work is cancelled once every caller has.</param>
    /// <param name="share">
    /// Called once with the result and the number of callers waiting for it, before any of them gets it (no caller
    /// can join after that). A caller that cancels at that very moment may not take its share: shares must be safe to
    /// lose (here: pooled arrays the GC then collects).
    /// </param>
    public async Task<TValue> RunAsync(TKey key, Func<TKey, CancellationToken, Task<TValue>> operation, CancellationToken cancellationToken, Action<TValue, int>? share = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Flight flight;
        var start = false;
        lock (_lock)
        {
            if (!_flights.TryGetValue(key, out flight!))
            {
                flight = new Flight();
                _flights[key] = flight;
                start = true;
            }

            flight.Waiters++;
        }

        if (start)
        {
            _ = Task.Run(() => ExecuteAsync(key, flight, operation, share), CancellationToken.None); // on the pool, never the caller's context
        }

        try
        {
            return await flight.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(key, flight);
            throw;
        }
    }

    private void Leave(TKey key, Flight flight)
    {
        var cancel = false;
        lock (_lock)
        {
            flight.Waiters--;
            if (flight.Waiters == 0 && !flight.Completion.Task.IsCompleted)
            {
                cancel = true;
                if (_flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
                {
                    _flights.Remove(key);
                }
            }
        }

        if (cancel)
        {
            flight.Cancellation.Cancel();
        }
    }

    private async Task ExecuteAsync(TKey key, Flight flight, Func<TKey, CancellationToken, Task<TValue>> operation, Action<TValue, int>? share)
    {
        try
        {
            var value = await operation(key, flight.Cancellation.Token).ConfigureAwait(false);
            if (share is not null)
            {
                int waiters;
                lock (_lock)
                {
                    if (_flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
                    {
                        _flights.Remove(key);
                    }

                    waiters = flight.Waiters;
                }

                share(value, waiters);
            }

            flight.Completion.TrySetResult(value);
        }
        catch (OperationCanceledException) when (flight.Cancellation.IsCancellationRequested)
        {
            flight.Completion.TrySetCanceled(flight.Cancellation.Token);
        }
        catch (Exception e)
        {
            flight.Completion.TrySetException(e);
        }
        finally
        {
            lock (_lock)
            {
                if (_flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
                {
                    _flights.Remove(key);
                }
            }

            flight.Cancellation.Dispose();
        }
    }

    private sealed class Flight
    {
        public TaskCompletionSource<TValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancellation { get; } = new();

        public int Waiters { get; set; }
    }
}
