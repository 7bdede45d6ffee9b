import Synchronization

/// Each destination's next request slot as this instance last read it, for the destinations without a rate
/// limit, whose slot moves only when a vendor's `Retry-After` holds it: a reading serves for `freshness`
/// (`PostgresTiming.scheduleFreshness`, a second), so the schedule is read at most that often per destination,
/// and is forgotten at once when any instance's hold is notified (`StoreNotifications`).
final class ScheduleReadings: Sendable {
    /// How long a reading serves.
    let freshness: Duration

    private struct Reading {
        /// The slot, in milliseconds of the database's clock.
        var nextSlot: Int64
        var readAt: ContinuousClock.Instant
    }

    private struct State {
        var readings: [String: Reading] = [:]
        /// Counts the forgets, so a slot read while one came is not kept.
        var forgets = 0
    }

    private let state = Mutex(State())

    init(freshness: Duration) {
        self.freshness = freshness
    }

    /// The destination's next slot when it was read within `freshness`; else `nil` and the stamp to pass to
    /// `remember` with the slot read from the database now.
    func nextSlot(of destination: String, now: ContinuousClock.Instant = .now) -> (slot: Int64?, stamp: Int) {
        state.withLock { state in
            guard let reading = state.readings[destination], now - reading.readAt < freshness else { return (nil, state.forgets) }
            return (reading.nextSlot, state.forgets)
        }
    }

    /// Keeps a slot read from the database (or set by a hold) by a read that started at `readAt`, when `stamp`
    /// was current: unless a notified hold came meanwhile (the slot read may be older than it). A slot only
    /// moves later, so a reading never replaces a later one that is still fresh (a hold of this instance's,
    /// kept while a read that began before it was under way).
    func remember(_ nextSlot: Int64, of destination: String, since stamp: Int, readAt: ContinuousClock.Instant) {
        state.withLock { state in
            guard state.forgets == stamp else { return }
            if let kept = state.readings[destination], ContinuousClock.now - kept.readAt < freshness, kept.nextSlot >= nextSlot { return }
            state.readings[destination] = Reading(nextSlot: nextSlot, readAt: readAt)
        }
    }

    /// Forgets the destination's reading: a hold changed its slot.
    func forget(_ destination: String) {
        state.withLock { state in
            state.forgets += 1
            state.readings[destination] = nil
        }
    }

    /// Forgets every reading: holds may have been made while no notification could arrive.
    func forgetAll() {
        state.withLock { state in
            state.forgets += 1
            state.readings.removeAll()
        }
    }
}
