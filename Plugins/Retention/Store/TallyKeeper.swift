import GRDB
import Kernel

/// Keeps `retention_attendedTally` and `retention_enrolledTally` equal to a full count, by reacting to the kernel's
/// events inside the write that raises them (so a rolled-back write leaves the tallies as they were).
///
/// The handlers maintain the tallies for every organization, whether or not the plugin is enabled for it: a
/// network's funnel sums its members' tallies, and enabling the plugin later must find them exact.
enum TallyKeeper {
    static let handlers: [EventHandler] = [
        // An import's records arrive as one batch: one read of genders, one write per session and gender.
        .maintainingBatches(AttendanceChanged.self) { events, db in try countChanged(events, in: db) },
        .maintaining(AttendanceLoaded.self) { event, db in try countLoaded(event.changes, in: db) },
        .maintaining(PersonEnrolled.self) { event, db in
            try addEnrolled(event.seriesId, try genderName(of: event.personId, in: db), 1, in: db)
        },
        .maintaining(PersonSelfDescriptionChanged.self) { event, db in
            let (old, new) = (event.previousGender ?? "unknown", event.gender ?? "unknown")
            guard old != new else { return }
            for session in try ParticipationQueries.sessionsPresent(of: event.personId, in: db) {
                try addAttended(session, old, -1, in: db)
                try addAttended(session, new, 1, in: db)
            }
            for series in try ParticipationQueries.seriesEnrolled(of: event.personId, in: db) {
                try addEnrolled(series, old, -1, in: db)
                try addEnrolled(series, new, 1, in: db)
            }
        },
        .beforeCommit(PluginEnabled.self) { event, db in
            if event.pluginId == RetentionPlugin.id { try rebuild(in: db) }
        },
        .maintaining(PersonDeleted.self) { event, db in
            let gender = event.gender ?? "unknown"
            for session in event.presentAt { try addAttended(session, gender, -1, in: db) }
            for series in event.enrolledIn { try addEnrolled(series, gender, -1, in: db) }
        },
        // A merge moves and combines records of two people (rare): counted afresh, as when the plugin is enabled.
        .maintaining(PeopleMerged.self) { _, db in try rebuild(in: db) },
    ]

    /// Counts both tallies afresh from the kernel's figures: when the plugin is enabled for an organization, so a
    /// plugin installed into a database that already holds attendance (or data loaded behind the kernel's back)
    /// starts exact.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM retention_attendedTally; DELETE FROM retention_enrolledTally")
        for (session, gender, people) in try ParticipationQueries.presentCounts(in: db) {
            try addAttended(session, gender ?? "unknown", people, in: db)
        }
        for (series, gender, people) in try ParticipationQueries.enrolmentCounts(in: db) {
            try addEnrolled(series, gender ?? "unknown", people, in: db)
        }
    }

    private static func genderName(of person: Person.ID, in db: Database) throws -> String {
        try ParticipationQueries.storedGender(of: person, in: db) ?? "unknown"
    }

    private static func addAttended(_ session: Session.ID, _ gender: String, _ delta: Int, in db: Database) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO retention_attendedTally (sessionId, gender, people) VALUES (?, ?, ?)
                ON CONFLICT (sessionId, gender) DO UPDATE SET people = people + excluded.people
                """
        ).execute(arguments: [session, gender, delta])
    }

    private static func addEnrolled(_ series: WebinarSeries.ID, _ gender: String, _ delta: Int, in db: Database)
        throws
    {
        try db.cachedStatement(
            sql: """
                INSERT INTO retention_enrolledTally (seriesId, gender, people) VALUES (?, ?, ?)
                ON CONFLICT (seriesId, gender) DO UPDATE SET people = people + excluded.people
                """
        ).execute(arguments: [series, gender, delta])
    }

    /// Attendance changes, counted in memory: the genders of the people concerned read at once, then one upsert per
    /// session and gender touched, in the order first touched. A key whose changes cancel out is still written
    /// (with 0), as an upsert per change would have left it.
    private static func countChanged(_ events: [AttendanceChanged], in db: Database) throws {
        let counted = events.filter { event in
            event.previousStatus != event.status && (event.previousStatus == .present || event.status == .present)
        }
        guard !counted.isEmpty else { return }
        let genders = try ParticipationQueries.storedGenders(of: Set(counted.map(\.personId)), in: db)
        var deltas: [AttendedKey: Int] = [:]
        var order: [AttendedKey] = []
        func add(_ key: AttendedKey, _ delta: Int) {
            if deltas[key] == nil { order.append(key) }
            deltas[key, default: 0] += delta
        }
        for event in counted {
            let key = AttendedKey(session: event.sessionId, gender: genders[event.personId] ?? "unknown")
            if event.previousStatus == .present { add(key, -1) }
            if event.status == .present { add(key, 1) }
        }
        for key in order { try addAttended(key.session, key.gender, deltas[key]!, in: db) }
    }

    private struct AttendedKey: Hashable {
        let session: Session.ID
        let gender: String
    }

    /// A bulk load's rows, counted in memory (genders as small codes) and written once per session and gender.
    private static func countLoaded(_ changes: [AttendanceLoaded.Change], in db: Database) throws {
        guard changes.contains(where: { ($0.previousStatus == .present) != ($0.status == .present) }) else { return }
        var names = ["unknown"]
        var codes: [String: Int64] = ["unknown": 0]
        var genders: [Person.ID: Int64] = [:]
        for (person, gender) in try ParticipationQueries.storedGenders(in: db) {
            genders[person] =
                codes[gender]
                ?? {
                    names.append(gender)
                    codes[gender] = Int64(names.count - 1)
                    return Int64(names.count - 1)
                }()
        }
        var deltas: [SIMD2<Int64>: Int] = [:]
        for change in changes where (change.previousStatus == .present) != (change.status == .present) {
            let key = SIMD2(change.sessionId.rawValue, genders[change.personId] ?? 0)
            deltas[key, default: 0] += change.status == .present ? 1 : -1
        }
        let upsert = try db.makeStatement(
            sql: """
                INSERT INTO retention_attendedTally (sessionId, gender, people) VALUES (?, ?, ?)
                ON CONFLICT (sessionId, gender) DO UPDATE SET people = people + excluded.people
                """)
        for (key, delta) in deltas where delta != 0 {
            try upsert.execute(arguments: [key.x, names[Int(key.y)], delta])
        }
    }
}
