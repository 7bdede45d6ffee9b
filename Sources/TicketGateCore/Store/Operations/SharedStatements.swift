/// Group commit in shared statements (`WriteBatcher`, where the dialect writes in common table expressions):
/// how accepted events and attempts' writes that arrive together are stored by a few statements, each
/// committed by itself, and how each learns its own outcome. `run` runs one statement by itself and answers
/// its rows; it throws `StoreError.unavailable` when the connection failed.
extension EventAcceptance {
    /// Stores `acceptances` in one statement; each that it did not store repeats an event stored before, and
    /// those are looked up together in one more. A statement the database refuses is written again one event
    /// at a time, so the event it refused fails alone.
    package static func storeTogether<Row: SQLRow>(
        _ acceptances: [EventAcceptance], _ dialect: any SQLDialect, run: (SQLStatement) async throws -> [Row]
    ) async -> [Result<AcceptOutcome, any Error>] {
        do {
            guard let statement = batch(acceptances, dialect) else {
                throw StoreError.unexpected("the accepted events cannot share a statement")
            }
            let stored = Set(try await run(statement).map { try $0.text("id") })
            let repeats = acceptances.filter { !stored.contains($0.eventID.rawValue) }
            var firsts: [Row] = []
            if let lookup = findFirsts(repeats, dialect) { firsts = try await run(lookup) }
            return try acceptances.map { acceptance in
                if stored.contains(acceptance.eventID.rawValue) { return .success(.stored) }
                guard let first = try acceptance.firstStored(in: firsts) else {
                    return .failure(StoreError.unexpected("an event repeats one that is not stored"))
                }
                return .success(.duplicate(of: first))
            }
        } catch  where acceptances.count > 1 && !isUnavailable(error) {
            var outcomes: [Result<AcceptOutcome, any Error>] = []
            for acceptance in acceptances {
                outcomes += await storeTogether([acceptance], dialect, run: run)
            }
            return outcomes
        } catch {
            return acceptances.map { _ in .failure(error) }
        }
    }
}

extension AttemptWrite {
    /// Writes `writes` in as few statements as they allow (`batch`). A statement the database refuses is
    /// written again one write at a time, so the write it refused fails alone; when the connection fails, every
    /// write of the statement fails (whether it committed is unknown, and an attempt that cannot record its
    /// outcome is tried again when its lease ends).
    package static func writeTogether<Row: SQLRow>(
        _ writes: [AttemptWrite], _ dialect: any SQLDialect, run: (SQLStatement) async throws -> [Row]
    ) async -> [Result<Void, any Error>] {
        let statements: [(statement: SQLStatement, members: [Int])]
        do {
            guard let batched = try batch(writes, dialect) else { throw StoreError.unexpected("the attempts' writes cannot share a statement") }
            statements = batched
        } catch {
            return writes.map { _ in .failure(error) }
        }
        var outcomes = [Result<Void, any Error>](repeating: .success(()), count: writes.count)
        for (statement, members) in statements {
            do {
                _ = try await run(statement)
            } catch  where members.count > 1 && !isUnavailable(error) {
                for member in members {
                    outcomes[member] = await writeTogether([writes[member]], dialect, run: run)[0]
                }
            } catch {
                for member in members { outcomes[member] = .failure(error) }
            }
        }
        return outcomes
    }
}

/// Whether `error` says the connection failed, so that whether a statement committed is unknown.
private func isUnavailable(_ error: any Error) -> Bool {
    (error as? StoreError)?.isUnavailable == true
}
