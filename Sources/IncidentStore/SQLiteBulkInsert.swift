import Foundation
import GeoFormats
import GRDB

/// How `SQLiteIncidentStore.insert(from:)` stores a stream of records inside its one write
/// transaction (`add` per batch, then `finish`). Not thread-safe: one per call, on the writer.
/// Measured on 1 million demo rows (sqlite3 shell, 2 shared cores; the user-CPU seconds of a
/// loaded machine, so only their ratios matter):
///
/// 0. **Direct.** Into a table of fewer than `directLimit` rows, the secondary indexes and the
///    R*Tree trigger are dropped at once (step 4) and the records go straight into `incidents`
///    as they arrive, while the file is still being read. As long as none of them conflicts
///    (no stored or repeated key, no taken id) that is the whole story: every record got its
///    first choice, so the order of the identifier rule does not matter, and the 3 s merge
///    below is saved. At the first conflict the rows inserted so far are moved to the staging
///    table and the call goes on as below.
/// 1. **Stage.** Each batch goes into `temp.incidents_incoming`, a table without indexes in the
///    connection's temporary database (`temp_store = FILE`: it spills to a temporary file, so
///    memory stays bounded whatever the file's size; the file goes when the connection closes
///    or the process dies), with the identifier each record would like first (`first_id`).
/// 2. **Merge.** One `INSERT … SELECT … ORDER BY source_key … ON CONFLICT DO NOTHING` into
///    `incidents` (3.1 s): SQLite sorts once (external merge sort, bounded memory) and the two
///    unique indexes grow in key order. When every staged row went in, that is all (a new file
///    without repeated rows). Otherwise the merge is rolled back to its savepoint and redone
///    exactly: the staged rows whose key is stored are deleted, then every occurrence of a key
///    but the first (`GROUP BY source_key` with `min(rowid)`: doing that every time cost 1.7 s
///    more on the common path), and the rest is merged, so that of rows repeating a key it is
///    always the first that is stored, even when its id is taken and a later one's is not.
///    (Re-importing 1M stored rows: 17.0 s, against 19.9 s when the exact merge read the
///    grouped rows twice instead.)
/// 3. **Leftovers.** After an exact merge: the first occurrences whose key is still not stored
///    were skipped because their first-choice `id` is taken; they are inserted one by one in
///    key order with the next free candidate (`inc-<key16>`, then `-2`, `-3`, ...).
/// 4. **Indexes.** When the call brings at least as many rows as the table holds, the five
///    non-unique indexes (time, category, substance, agency, border post) and the R*Tree's
///    insert trigger are dropped before the merge and rebuilt after it, still inside the
///    transaction: `CREATE INDEX` sorts once, 4.6 s for all five over 1M rows against 7.7 s of
///    upkeep during the inserts, and the R*Tree is packed whole (`SQLiteRTreeBulkLoad`) instead
///    of 10.2 s of point-by-point inserts. Smaller calls keep them all (rebuilding costs in
///    proportion to the whole table).
final class SQLiteBulkInsert {
    static let stagingTable = "temp.incidents_incoming"
    /// Tables with fewer rows take the direct path (step 0): rebuilding their indexes costs
    /// little even when the call brings only a few rows.
    static let directLimit = 10_000
    static let columns = "occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post, source, properties, source_key"

    private let db: Database
    private let importedAt: Double
    /// `max(seq)` before the call: rows above it are this call's.
    private let tableRows: Int
    /// SQL of the indexes and trigger dropped (step 4), nil while they are in place.
    private var dropped: [String]?
    private var direct: Bool
    private let stageStatement: Statement
    private var directStatement: Statement?
    /// Records received, and how many of them went in directly.
    private var received = 0, directRows = 0

    /// Prepares the staging table (and the direct path when the table is small).
    /// - Throws: `DatabaseError`.
    init(db: Database, importedAt: Double) throws {
        self.db = db
        self.importedAt = importedAt
        try db.execute(sql: """
            DROP TABLE IF EXISTS \(Self.stagingTable);
            CREATE TABLE \(Self.stagingTable) (
                first_id TEXT NOT NULL, occurred_at REAL, lon REAL, lat REAL, category TEXT, substance TEXT,
                quantity_kg REAL, agency TEXT, border_post TEXT, source TEXT, properties TEXT, source_key TEXT NOT NULL)
            """)
        stageStatement = try db.makeStatement(sql: """
            INSERT INTO \(Self.stagingTable) (first_id, \(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        tableRows = try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM incidents") ?? 0
        direct = tableRows < Self.directLimit
        if direct {
            dropped = try Self.dropSecondary(db)
            directStatement = try db.makeStatement(sql: """
                INSERT INTO incidents (id, \(Self.columns), imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)
        }
    }

    /// `inc-` + the first 16 characters of the key: the identifier of a record without one.
    static func generatedID(_ sourceKey: String) -> String { "inc-" + sourceKey.prefix(16) }

    /// Takes one batch: straight into `incidents` on the direct path, else into the staging table.
    /// - Throws: `DatabaseError` (a CHECK constraint, say).
    func add(_ batch: [IncidentRecord]) throws {
        for r in batch {
            let first = r.id.flatMap { $0.isEmpty ? nil : $0 } ?? Self.generatedID(r.sourceKey)
            let properties = SQLiteRowDecoder.encode(r.properties)
            received += 1
            if direct, let statement = directStatement {
                try SQLiteRecordBinding.execute(statement, db: db, first: first, record: r, properties: properties, importedAt: importedAt)
                if db.changesCount == 1 {
                    directRows += 1
                    continue
                }
                try leaveDirectPath()
            }
            try SQLiteRecordBinding.execute(stageStatement, db: db, first: first, record: r, properties: properties, importedAt: nil)
        }
    }

    /// Step 0's way out: the rows inserted directly move to the staging table, in their order.
    private func leaveDirectPath() throws {
        direct = false
        directStatement = nil
        try db.execute(sql: """
            INSERT INTO \(Self.stagingTable) (first_id, \(Self.columns))
            SELECT id, \(Self.columns) FROM incidents WHERE seq > ? ORDER BY seq
            """, arguments: [tableRows])
        try db.execute(sql: "DELETE FROM incidents WHERE seq > ?", arguments: [tableRows])
        directRows = 0
    }

    /// Steps 2 to 4 (see the type); returns the number of incidents stored by the call.
    /// - Throws: `DatabaseError`.
    func finish() throws -> Int {
        var stored = directRows
        let staged = received - directRows
        if staged > 0 {
            if dropped == nil, staged >= tableRows { dropped = try Self.dropSecondary(db) }
            stored += try merge(staged: staged)
        }
        if let dropped {
            try SQLiteRTreeBulkLoad.rebuild(db)
            for sql in dropped { try db.execute(sql: sql) }
        }
        try db.execute(sql: "DROP TABLE \(Self.stagingTable)")
        return stored
    }

    /// Drops the secondary indexes as the schema defines them now (unique constraints have no
    /// SQL) and the R*Tree's insert trigger; returns their SQL for the rebuild.
    private static func dropSecondary(_ db: Database) throws -> [String] {
        let items = try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'incidents' AND sql IS NOT NULL
            AND (type = 'index' OR (type = 'trigger' AND name = 'incidents_rtree_insert'))
            """)
        for item in items {
            let type: String = item["type"], name: String = item["name"]
            try db.execute(sql: "DROP \(type == "index" ? "INDEX" : "TRIGGER") \(name.quotedDatabaseIdentifier)")
        }
        return items.map { $0["sql"] }
    }

    /// Steps 2 and 3 for the staged rows.
    private func merge(staged: Int) throws -> Int {
        // Fast merge first; only when it skipped rows (a stored key, a key repeated within the
        // call, a taken id) is it undone and redone exactly: see the type, step 2.
        try db.execute(sql: "SAVEPOINT incidents_merge")
        try db.execute(sql: Self.mergeSQL(from: Self.stagingTable), arguments: [importedAt])
        var stored = db.changesCount
        if stored < staged {
            try db.execute(sql: "ROLLBACK TO incidents_merge")
            // Keep the first occurrence of each key not stored yet: a re-imported file then
            // leaves nothing to merge.
            try db.execute(sql: """
                DELETE FROM \(Self.stagingTable) WHERE source_key IN (SELECT source_key FROM incidents);
                DELETE FROM \(Self.stagingTable) WHERE rowid NOT IN (SELECT min(rowid) FROM \(Self.stagingTable) GROUP BY source_key);
                """)
            try db.execute(sql: Self.mergeSQL(from: Self.stagingTable), arguments: [importedAt])
            stored = db.changesCount
            stored += try Self.insertLeftovers(from: Self.stagingTable, importedAt: importedAt, db: db)
        }
        try db.execute(sql: "RELEASE incidents_merge")
        return stored
    }

    /// `INSERT … SELECT` of the rows of `rows` (a table or subquery of staged rows) in key order,
    /// skipping any that conflict; `?` is the import time.
    private static func mergeSQL(from rows: String) -> String {
        """
        INSERT INTO incidents (id, occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post,
                               source, properties, source_key, imported_at)
        SELECT first_id, \(columns), ?
        FROM \(rows) WHERE true ORDER BY source_key, rowid
        ON CONFLICT DO NOTHING
        """
    }

    /// Step 3: rows of `rows` whose key is not stored, in key order, each with the first free
    /// candidate after its first choice; returns how many were stored.
    private static func insertLeftovers(from rows: String, importedAt: Double, db: Database) throws -> Int {
        let leftovers = try Row.fetchCursor(db, sql: """
            SELECT first_id, \(columns)
            FROM \(rows) s
            WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.source_key = s.source_key)
            ORDER BY source_key
            """)
        let insert = try db.makeStatement(sql: """
            INSERT INTO incidents (id, occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post,
                                   source, properties, source_key, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        let keyTaken = try db.makeStatement(sql: "SELECT 1 FROM incidents WHERE source_key = ?")
        var stored = 0
        // The cursor reads the staging table while `incidents` changes: allowed, they differ.
        while let row = try leftovers.next() {
            let first: String = row[0], key: String = row[11]
            let generated = generatedID(key)
            // The first choice failed in the merge; then the generated id (unless it was the
            // first choice), then the generated id with -2, -3, ...
            var candidates: [String] = first == generated ? [] : [generated]
            var suffix = 2
            while true {
                let id: String
                if !candidates.isEmpty { id = candidates.removeFirst() } else {
                    id = "\(generated)-\(suffix)"
                    suffix += 1
                }
                try insert.execute(arguments: [id, row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9],
                                               row[10], key, importedAt])
                if db.changesCount == 1 {
                    stored += 1
                    break
                }
                // Skipped: a duplicate when the key is stored (a repeat within the call whose
                // first occurrence went in just before), else this id is taken too.
                if try Bool.fetchOne(keyTaken, arguments: [key]) ?? false { break }
            }
        }
        return stored
    }
}
