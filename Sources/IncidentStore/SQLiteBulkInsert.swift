import Foundation
import GeoFormats
import GRDB

/// How `SQLiteIncidentStore.insert(from:)` stores a stream of records inside its one write
/// transaction. Measured on 1 million demo rows (sqlite3 shell, 2 shared cores; the user-CPU
/// seconds of a loaded machine, so only their ratios matter):
///
/// 1. **Stage.** Each batch goes into `temp.incidents_incoming`, a table without indexes in the
///    connection's temporary database (`temp_store = FILE`: it spills to a temporary file, so
///    memory stays bounded whatever the file's size; the file goes when the connection closes
///    or the process dies). The identifier each record would like (`first_id`) and its
///    generated one are computed here, in Swift.
/// 2. **Merge.** One `INSERT … SELECT … ORDER BY source_key … ON CONFLICT DO NOTHING` into
///    `incidents` (3.1 s): SQLite sorts once (external merge sort, bounded memory) and the two
///    unique indexes grow in key order. When every staged row went in, that is all (a new file
///    without repeated rows). Otherwise the merge is rolled back to its savepoint and redone
///    exactly: from the first occurrence of each key only (`GROUP BY source_key` with
///    `min(rowid)`, 4.9 s; doing that every time cost 1.7 s more on the common path), so that
///    of rows repeating a key it is always the first that is stored, even when its id is taken
///    and a later one's is not. Stored keys are skipped by the unique `source_key`.
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
enum SQLiteBulkInsert {
    static let stagingTable = "temp.incidents_incoming"

    /// Creates (afresh) the staging table for one call.
    static func createStaging(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS \(stagingTable);
            CREATE TABLE \(stagingTable) (
                first_id TEXT NOT NULL, generated_id TEXT NOT NULL, occurred_at REAL, lon REAL, lat REAL,
                category TEXT, substance TEXT, quantity_kg REAL, agency TEXT, border_post TEXT, source TEXT,
                properties TEXT, source_key TEXT NOT NULL)
            """)
    }

    /// A prepared insert into the staging table.
    static func stagingStatement(_ db: Database) throws -> Statement {
        try db.makeStatement(sql: """
            INSERT INTO \(stagingTable) (first_id, generated_id, occurred_at, lon, lat, category, substance, quantity_kg,
                                         agency, border_post, source, properties, source_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// `inc-` + the first 16 characters of the key: the identifier of a record without one.
    static func generatedID(_ sourceKey: String) -> String { "inc-" + sourceKey.prefix(16) }

    /// Stages one batch.
    static func stage(_ batch: [IncidentRecord], with statement: Statement) throws {
        for r in batch {
            let generated = generatedID(r.sourceKey)
            let first = r.id.flatMap { $0.isEmpty ? nil : $0 } ?? generated
            statement.setUncheckedArguments([
                first, generated, SQLiteRowDecoder.storedSeconds(r.occurredAt), r.lon, r.lat, r.category, r.substance,
                r.quantityKg, r.agency, r.borderPost, r.source, SQLiteRowDecoder.encode(r.properties), r.sourceKey,
            ])
            try statement.execute()
        }
    }

    /// Steps 2 to 4 (see the type) for `staged` rows; returns the number of incidents stored.
    static func merge(staged: Int, importedAt: Double, db: Database) throws -> Int {
        guard staged > 0 else {
            try db.execute(sql: "DROP TABLE \(stagingTable)")
            return 0
        }
        let tableRows = try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM incidents") ?? 0
        var rebuilt: [String] = []
        if staged >= tableRows {
            // Secondary indexes as the schema defines them now (unique constraints have no SQL),
            // and the R*Tree's insert trigger: rebuilt after the merge.
            let dropped = try Row.fetchAll(db, sql: """
                SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'incidents' AND sql IS NOT NULL
                AND (type = 'index' OR (type = 'trigger' AND name = 'incidents_rtree_insert'))
                """)
            for item in dropped {
                let type: String = item["type"], name: String = item["name"]
                try db.execute(sql: "DROP \(type == "index" ? "INDEX" : "TRIGGER") \(name.quotedDatabaseIdentifier)")
                rebuilt.append(item["sql"])
            }
        }
        // Fast merge first; only when it skipped rows (a stored key, a key repeated within the
        // call, a taken id) is it undone and redone exactly: see the type, step 2.
        try db.execute(sql: "SAVEPOINT incidents_merge")
        try db.execute(sql: mergeSQL(from: stagingTable), arguments: [importedAt])
        var stored = db.changesCount
        if stored < staged {
            try db.execute(sql: "ROLLBACK TO incidents_merge")
            let firsts = "(SELECT min(rowid) AS rowid, * FROM \(stagingTable) GROUP BY source_key)"
            try db.execute(sql: mergeSQL(from: firsts), arguments: [importedAt])
            stored = db.changesCount
            stored += try insertLeftovers(from: firsts, importedAt: importedAt, db: db)
        }
        try db.execute(sql: "RELEASE incidents_merge")
        if !rebuilt.isEmpty {
            try SQLiteRTreeBulkLoad.rebuild(db)
            for sql in rebuilt { try db.execute(sql: sql) }
        }
        try db.execute(sql: "DROP TABLE \(stagingTable)")
        return stored
    }

    /// `INSERT … SELECT` of the rows of `rows` (a table or subquery of staged rows) in key order,
    /// skipping any that conflict; `?` is the import time.
    private static func mergeSQL(from rows: String) -> String {
        """
        INSERT INTO incidents (id, occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post,
                               source, properties, source_key, imported_at)
        SELECT first_id, occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post,
               source, properties, source_key, ?
        FROM \(rows) WHERE true ORDER BY source_key, rowid
        ON CONFLICT DO NOTHING
        """
    }

    /// Step 3: rows of `rows` whose key is not stored, in key order, each with the first free
    /// candidate after its first choice; returns how many were stored.
    private static func insertLeftovers(from rows: String, importedAt: Double, db: Database) throws -> Int {
        let leftovers = try Row.fetchCursor(db, sql: """
            SELECT first_id, generated_id, occurred_at, lon, lat, category, substance, quantity_kg, agency, border_post,
                   source, properties, source_key
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
            let first: String = row[0], generated: String = row[1], key: String = row[12]
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
                try insert.execute(arguments: [id, row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10],
                                               row[11], key, importedAt])
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
