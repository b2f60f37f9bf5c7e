using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Harness.Load;

/// <summary>
/// One thread of the fast path's event loop, as wrk runs one per thread: non-blocking sockets on an epoll instance, the
/// pre-encoded request sent with <c>send</c>, the response read with <c>recv</c> into <see cref="RawHttpResponseReader"/>,
/// one timestamp when an iteration starts and one when it ends, and samples handed to the aggregator in batches.
/// </summary>
/// <remarks>
/// It owns its share of the connection pool, of the closed model's VUs (VU v belongs to loop v mod N) and of the open
/// model's arrivals (arrival i to loop i mod N). Iterations wait in a FIFO for a free connection, inside their timeout, as
/// they wait for <see cref="RawHttpStep"/>'s pool; what they record (times, status, error kinds) is what
/// <see cref="LoadExecutor"/> records for <see cref="RawHttpStep"/>.
/// </remarks>
internal sealed unsafe class EventLoop
{
    private const int MaxEvents = 256;
    private static readonly long FlushTicks = Stopwatch.Frequency / 200;
    private static readonly long MaxWaitTicks = Stopwatch.Frequency / 200;
    private readonly EventLoopExecutor owner;
    private readonly int index;
    private readonly int loops;
    private readonly int connectionLimit;
    private readonly List<EventLoopConnection> slots = [];
    private readonly Stack<EventLoopConnection> idle = new();
    private readonly Stack<EventLoopConnection> freeSlots = new();
    private readonly Queue<EventLoopIteration> pending = new();
    private readonly Queue<int> readyVus = new();
    private readonly bool[] vuRunning;
    private readonly long timeoutTicks;
    private readonly long connectTimeoutTicks;
    private int epoll = -1;
    private int open;
    private int local;
    private long earliestDeadline = long.MaxValue;
    private int startedTarget;
    private Sample[] batch;
    private int batched;
    private long lastFlush;

    public EventLoop(EventLoopExecutor owner, int index, int loops, int connectionLimit, int peakVus)
    {
        this.owner = owner;
        this.index = index;
        this.loops = loops;
        this.connectionLimit = connectionLimit;
        vuRunning = new bool[(peakVus + loops - 1) / loops + 1];
        timeoutTicks = Ticks(owner.Shape.Timeout);
        connectTimeoutTicks = Ticks(owner.Step.ConnectTimeout);
        batch = owner.RentBatch();
    }

    /// <summary>When this loop's schedule ended (its last arrival, or the closed model's end), 0 before.</summary>
    public long DispatchEnded { get; private set; }

    /// <summary>True when the loop stopped dispatching because it fell behind past the plan's grace.</summary>
    public bool Abandoned { get; private set; }

    /// <summary>Measured-phase arrivals this loop dispatched (or dropped).</summary>
    public long MainDispatched { get; private set; }

    /// <summary>True when the stop token had fired when the schedule ended.</summary>
    public bool Stopped { get; private set; }

    public void Run(CancellationToken stop)
    {
        epoll = EventLoopNative.Create();
        var events = stackalloc EventLoopNative.EpollEvent[MaxEvents];
        IEnumerator<PlannedArrival>? arrivals = null;
        var nextDue = long.MaxValue;
        var arrivalPhase = LoadPhase.Main;
        long arrivalIndex = 0;
        long drainUntil = long.MaxValue;
        var shape = owner.Shape;
        try
        {
            if (shape.Open)
            {
                arrivals = LoadPlan.Arrivals(shape).GetEnumerator();
                (nextDue, arrivalPhase) = NextArrival(arrivals, ref arrivalIndex);
            }

            lastFlush = Stopwatch.GetTimestamp();
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (DispatchEnded == 0)
                {
                    if (stop.IsCancellationRequested)
                    {
                        EndDispatch(now, stopped: true);
                        break;
                    }

                    if (arrivals is not null)
                    {
                        while (nextDue <= now)
                        {
                            if (now > owner.OpenDeadline)
                            {
                                // Behind by more than the plan's timeout and grace: the rest were never sent and count as dropped.
                                Abandoned = true;
                                nextDue = long.MaxValue;
                                break;
                            }

                            Dispatch(nextDue, arrivalPhase);
                            (nextDue, arrivalPhase) = NextArrival(arrivals, ref arrivalIndex);
                        }

                        if (nextDue == long.MaxValue)
                        {
                            EndDispatch(now, stopped: false);
                        }
                    }
                    else if (owner.ScheduleDone)
                    {
                        EndDispatch(now, stopped: stop.IsCancellationRequested);
                        if (Stopped)
                        {
                            break;
                        }
                    }
                    else
                    {
                        StartVus();
                    }

                    if (DispatchEnded != 0)
                    {
                        // Graceful stop: let in-flight iterations finish, for at most one request timeout.
                        drainUntil = now + timeoutTicks;
                    }
                }

                if (DispatchEnded != 0 && (local == 0 || now >= drainUntil || stop.IsCancellationRequested))
                {
                    break;
                }

                if (now >= earliestDeadline)
                {
                    ExpireDeadlines(now);
                }

                ServePending();
                RunReadyVus();
                var wait = readyVus.Count > 0 ? 0 : Math.Min(MaxWaitTicks, Math.Min(nextDue, Math.Min(earliestDeadline, drainUntil)) - now);
                var n = EventLoopNative.Wait(epoll, events, MaxEvents, Math.Max(0, wait) * 1_000_000_000 / Stopwatch.Frequency);
                for (var i = 0; i < n; i++)
                {
                    OnEvent(events[i].Data, events[i].Events);
                }

                if (batched > 0 && Stopwatch.GetTimestamp() - lastFlush >= FlushTicks)
                {
                    Flush();
                }
            }
        }
        finally
        {
            // A hard stop: what is still in flight is recorded as interrupted, as the executor's cancelled iterations are.
            var now = Stopwatch.GetTimestamp();
            if (DispatchEnded == 0)
            {
                EndDispatch(now, stopped: stop.IsCancellationRequested);
            }

            foreach (var c in slots)
            {
                if (c.State is EventLoopConnection.Phase.Connecting or EventLoopConnection.Phase.Sending or EventLoopConnection.Phase.Receiving)
                {
                    Record(SampleKind.Interrupted, c.Iteration, now, 0, ErrorKind.Other, 0);
                }

                CloseSocket(c);
            }

            while (pending.TryDequeue(out var it))
            {
                Record(SampleKind.Interrupted, it, now, 0, ErrorKind.Other, 0);
            }

            Flush();
            EventLoopNative.Close(epoll);
        }
    }

    private void EndDispatch(long now, bool stopped)
    {
        DispatchEnded = now;
        Stopped = stopped;
    }

    private (long Due, LoadPhase Phase) NextArrival(IEnumerator<PlannedArrival> arrivals, ref long arrivalIndex)
    {
        while (arrivals.MoveNext())
        {
            if (arrivalIndex++ % loops == index)
            {
                var a = arrivals.Current;
                return (owner.Start + (long)(a.AtSeconds * Stopwatch.Frequency), a.Phase);
            }
        }

        return (long.MaxValue, LoadPhase.Main);
    }

    private void Dispatch(long due, LoadPhase phase)
    {
        if (phase == LoadPhase.Main)
        {
            MainDispatched++;
        }

        if (!owner.TryEnter())
        {
            batch[batched++] = new Sample(SampleKind.Dropped, phase, due, 0, 0, 0, ErrorKind.None, 0);
            FlushIfFull();
            return;
        }

        Issue(new EventLoopIteration { Intended = due, Vu = -1, Phase = phase });
    }

    /// <summary>Starts the VUs of this loop below the current target that are not running (a target that rose).</summary>
    private void StartVus()
    {
        var target = owner.Target;
        if (target == startedTarget)
        {
            return;
        }

        startedTarget = target;
        for (var v = index; v < target; v += loops)
        {
            var slot = v / loops;
            if (slot < vuRunning.Length && !vuRunning[slot])
            {
                vuRunning[slot] = true;
                readyVus.Enqueue(v);
            }
        }
    }

    /// <summary>Lets each ready VU start its next iteration, or stop when the target fell below it, the schedule ended or the bound was reached.</summary>
    private void RunReadyVus()
    {
        for (var count = readyVus.Count; count > 0; count--)
        {
            var v = readyVus.Dequeue();
            var phase = owner.Phase;
            if (DispatchEnded != 0 || v >= owner.Target || !owner.TryEnterIteration(phase))
            {
                vuRunning[v / loops] = false;
                continue;
            }

            Issue(new EventLoopIteration { Vu = v, Phase = phase });
        }
    }

    private void Issue(EventLoopIteration it)
    {
        local++;
        it.Started = Stopwatch.GetTimestamp();
        if (it.Intended == 0)
        {
            it.Intended = it.Started;
        }

        it.Deadline = it.Started + timeoutTicks;
        earliestDeadline = Math.Min(earliestDeadline, it.Deadline);
        if (idle.TryPop(out var c))
        {
            Send(c, it);
        }
        else if (open < connectionLimit)
        {
            Connect(it);
        }
        else
        {
            pending.Enqueue(it);
        }
    }

    private void Connect(EventLoopIteration it)
    {
        var ep = owner.Step.EndPoint;
        Socket socket;
        try
        {
            socket = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        }
        catch (SocketException e)
        {
            // No socket at all (descriptors exhausted, say): a failed iteration, as a failed ConnectAsync is on the other paths.
            Record(SampleKind.Completed, it, Stopwatch.GetTimestamp(), 0, ErrorClassifier.Classify(e, timedOut: false), 0);
            AfterIteration(it);
            return;
        }

        var c = FreeSlot();
        c.Iteration = it;
        c.Socket = socket;
        c.Fd = (int)socket.Handle;
        c.Generation++;
        c.Reused = false;
        open++;
        try
        {
            socket.Connect(ep);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            c.State = EventLoopConnection.Phase.Connecting;
            c.ConnectDeadline = Stopwatch.GetTimestamp() + connectTimeoutTicks;
            earliestDeadline = Math.Min(earliestDeadline, c.ConnectDeadline);
            Register(c, EventLoopNative.CtlAdd, write: true);
            return;
        }
        catch (SocketException e)
        {
            c.State = EventLoopConnection.Phase.Connecting;
            Fail(c, ErrorClassifier.Classify(e, timedOut: false), reusable: false);
            return;
        }

        Register(c, EventLoopNative.CtlAdd, write: false);
        Send(c, it);
    }

    private EventLoopConnection FreeSlot()
    {
        if (freeSlots.TryPop(out var free))
        {
            return free;
        }

        var added = new EventLoopConnection(slots.Count);
        slots.Add(added);
        return added;
    }

    private void Register(EventLoopConnection c, int op, bool write)
    {
        c.WantsWrite = write;
        var error = EventLoopNative.Control(epoll, op, c.Fd, (uint)(EventLoopNative.EpollIn | (write ? EventLoopNative.EpollOut : 0)), c.Token);
        if (error != 0)
        {
            throw new InvalidOperationException($"epoll_ctl failed (errno {error})");
        }
    }

    private void Send(EventLoopConnection c, EventLoopIteration it)
    {
        c.Iteration = it;
        c.Sent = 0;
        c.Reader.Reset(owner.Step.IsHead);
        c.State = EventLoopConnection.Phase.Sending;
        TrySend(c);
    }

    private void TrySend(EventLoopConnection c)
    {
        var request = owner.Step.Request;
        while (c.Sent < request.Length)
        {
            var n = EventLoopNative.Send(c.Fd, request.AsSpan(c.Sent));
            if (n > 0)
            {
                c.Sent += n;
            }
            else if (n == -EventLoopNative.EAgain)
            {
                if (!c.WantsWrite)
                {
                    Register(c, EventLoopNative.CtlMod, write: true);
                }

                return;
            }
            else if (n != -EventLoopNative.EIntr)
            {
                Broken(c, -n);
                return;
            }
        }

        c.State = EventLoopConnection.Phase.Receiving;
        if (c.WantsWrite)
        {
            Register(c, EventLoopNative.CtlMod, write: false);
        }
    }

    private void OnEvent(ulong token, uint events)
    {
        var slot = (int)(uint)token;
        if (slot >= slots.Count || slots[slot].Token != token)
        {
            return;
        }

        var c = slots[slot];
        switch (c.State)
        {
            case EventLoopConnection.Phase.Connecting:
                var error = EventLoopNative.PendingError(c.Fd);
                if (error != 0)
                {
                    Fail(c, Classify(error), reusable: false);
                }
                else if ((events & EventLoopNative.EpollOut) != 0)
                {
                    Register(c, EventLoopNative.CtlMod, write: false);
                    Send(c, c.Iteration);
                }

                break;
            case EventLoopConnection.Phase.Sending:
                if ((events & EventLoopNative.EpollOut) != 0)
                {
                    TrySend(c);
                }

                if (c.State == EventLoopConnection.Phase.Sending && (events & (EventLoopNative.EpollIn | EventLoopNative.EpollErr | EventLoopNative.EpollHup)) != 0)
                {
                    // The server answered (or closed) before it took the whole request.
                    Receive(c);
                }

                break;
            case EventLoopConnection.Phase.Receiving:
                Receive(c);
                break;
            case EventLoopConnection.Phase.Idle:
                // An idle connection is readable only when the server closed it (or sent what nobody asked for): drop it.
                if ((events & (EventLoopNative.EpollIn | EventLoopNative.EpollErr | EventLoopNative.EpollHup)) != 0)
                {
                    Close(c);
                }

                break;
            default:
                break;
        }
    }

    private void Receive(EventLoopConnection c)
    {
        var n = EventLoopNative.Receive(c.Fd, c.Reader.FreeSpace());
        if (n > 0)
        {
            c.Reader.Commit(n);
            bool done;
            try
            {
                done = c.Reader.Advance();
            }
            catch (HttpRequestException)
            {
                Fail(c, ErrorKind.Other, reusable: false);
                return;
            }

            if (done)
            {
                Complete(c);
            }
        }
        else if (n == 0)
        {
            if (c.Reader.EndsAtClose)
            {
                Complete(c);
            }
            else
            {
                Broken(c, EventLoopNative.EConnReset, ended: true);
            }
        }
        else if (n != -EventLoopNative.EAgain && n != -EventLoopNative.EIntr)
        {
            Broken(c, -n);
        }
    }

    /// <summary>The connection failed mid-exchange: a pooled one that the server had closed while idle is retried once on a new connection.</summary>
    private void Broken(EventLoopConnection c, int errno, bool ended = false)
    {
        var stale = ended || errno is EventLoopNative.EConnReset or EventLoopNative.EConnAborted or EventLoopNative.EPipe;
        if (c.Reused && !c.Reader.ReceivedAny && !c.Iteration.Retried && stale)
        {
            var it = c.Iteration;
            it.Retried = true;
            Close(c);
            Connect(it);
            return;
        }

        // A premature end is HttpClient's ResponseEnded, counted as a reset.
        Fail(c, ended ? ErrorKind.ConnectionReset : Classify(errno), reusable: false);
    }

    private void Complete(EventLoopConnection c)
    {
        var r = c.Reader;
        var status = r.Status;
        c.Reused = true;
        // A response that came before the whole request went out leaves the connection in an unknown state: not reused.
        var reusable = r.KeepAlive && !owner.Step.CloseEachRequest && !r.HasExtraBytes && c.Sent == owner.Step.Request.Length;
        Finish(c, status, status >= 400 ? ErrorKind.Http : ErrorKind.None, r.BodyBytes, reusable);
    }

    private void Fail(EventLoopConnection c, ErrorKind error, bool reusable) => Finish(c, 0, error, 0, reusable);

    private void Finish(EventLoopConnection c, int status, ErrorKind error, long bytes, bool reusable)
    {
        var it = c.Iteration;
        Record(SampleKind.Completed, it, Stopwatch.GetTimestamp(), status, error, bytes);
        if (reusable)
        {
            c.State = EventLoopConnection.Phase.Idle;
            if (pending.TryDequeue(out var next))
            {
                Send(c, next);
            }
            else
            {
                idle.Push(c);
            }
        }
        else
        {
            Close(c);
        }

        AfterIteration(it);
    }

    private void AfterIteration(in EventLoopIteration it)
    {
        if (it.Vu >= 0)
        {
            // Not at once: a connection refused at once would otherwise recurse; the loop runs ready VUs after its events.
            readyVus.Enqueue(it.Vu);
        }
    }

    /// <summary>Closes the connection (the loop then gives its place to a waiting iteration).</summary>
    private void Close(EventLoopConnection c)
    {
        if (c.State == EventLoopConnection.Phase.Idle)
        {
            RemoveIdle(c);
        }

        CloseSocket(c);
        freeSlots.Push(c);
        open--;
    }

    /// <summary>Gives waiting iterations the connections closed since: from the loop, not from inside a close, so failures do not recurse.</summary>
    private void ServePending()
    {
        while (open < connectionLimit && pending.TryDequeue(out var next))
        {
            Connect(next);
        }
    }

    private void RemoveIdle(EventLoopConnection c)
    {
        // Rare (a server closing idle connections): rebuild the stack without it.
        var keep = idle.Where(x => !ReferenceEquals(x, c)).Reverse().ToList();
        idle.Clear();
        foreach (var x in keep)
        {
            idle.Push(x);
        }
    }

    private static void CloseSocket(EventLoopConnection c)
    {
        c.Socket?.Dispose();
        c.Socket = null;
        c.Fd = -1;
        c.Generation++;
        c.State = EventLoopConnection.Phase.Closed;
    }

    /// <summary>Fails the iterations past their timeout (and connects past the connect timeout) with error_timeout.</summary>
    private void ExpireDeadlines(long now)
    {
        var earliest = long.MaxValue;
        for (var i = 0; i < slots.Count; i++)
        {
            var c = slots[i];
            if (c.State is EventLoopConnection.Phase.Connecting or EventLoopConnection.Phase.Sending or EventLoopConnection.Phase.Receiving)
            {
                var deadline = c.State == EventLoopConnection.Phase.Connecting ? Math.Min(c.Iteration.Deadline, c.ConnectDeadline) : c.Iteration.Deadline;
                if (deadline <= now)
                {
                    Fail(c, ErrorKind.Timeout, reusable: false);
                }
                else
                {
                    earliest = Math.Min(earliest, deadline);
                }
            }
        }

        // Deadlines in the queue rise with its order (one timeout, issued in order).
        while (pending.TryPeek(out var head) && head.Deadline <= now)
        {
            pending.Dequeue();
            Record(SampleKind.Completed, head, now, 0, ErrorKind.Timeout, 0);
            AfterIteration(head);
        }

        if (pending.TryPeek(out var first))
        {
            earliest = Math.Min(earliest, first.Deadline);
        }

        earliestDeadline = earliest;
    }

    private void Record(SampleKind kind, in EventLoopIteration it, long ended, int status, ErrorKind error, long bytes)
    {
        batch[batched++] = new Sample(kind, it.Phase, it.Intended, it.Started, ended, status, kind == SampleKind.Interrupted ? ErrorKind.None : error, bytes);
        local--;
        owner.Leave();
        FlushIfFull();
    }

    private void FlushIfFull()
    {
        if (batched == batch.Length)
        {
            Flush();
        }
    }

    private void Flush()
    {
        lastFlush = Stopwatch.GetTimestamp();
        if (batched == 0)
        {
            return;
        }

        owner.Publish(new SampleBatch(batch, batched));
        batch = owner.RentBatch();
        batched = 0;
    }

    private static ErrorKind Classify(int errno) => errno switch
    {
        EventLoopNative.EConnRefused => ErrorKind.ConnectionRefused,
        EventLoopNative.EAddrNotAvail => ErrorKind.AddressNotAvailable,
        EventLoopNative.EConnReset or EventLoopNative.EConnAborted or EventLoopNative.EPipe => ErrorKind.ConnectionReset,
        EventLoopNative.ETimedOut => ErrorKind.Timeout,
        _ => ErrorKind.Other,
    };

    private static long Ticks(TimeSpan span) => span == Timeout.InfiniteTimeSpan || span.TotalSeconds > 1e6 ? long.MaxValue / 4 : (long)(span.TotalSeconds * Stopwatch.Frequency);
}
