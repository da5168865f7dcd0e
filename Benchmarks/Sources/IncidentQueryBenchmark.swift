import Dispatch
import Foundation
import GeoCore
import IncidentStore

/// `bordermap-bench incidents DB REPEATS W,S,E,N`: opens the incident database through
/// `SQLiteIncidentStore`, or `PostgresIncidentStore` when DB is a postgres:// URL (before the
/// clock starts), then times `count(matching:)` and a full
/// `forEach(matching:)` over the box, each REPEATS times in this one process, and prints JSON:
/// the count, the rows streamed, and the median and minimum seconds of each.
/// The peer in Benchmarks/incidents.sh runs the hand-written SQL the same way (one sqlite3
/// process, REPEATS runs of each statement).
enum IncidentQueryBenchmark {
    static func run(_ args: [String]) throws {
        guard args.count == 4, let repeats = Int(args[2]), repeats > 0, let box = BoundingBox(parsing: args[3]) else {
            print("usage: bordermap-bench incidents DB REPEATS W,S,E,N")
            exit(2)
        }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let path = args[1]
        Task {
            do { outcome.set(.success(try await measure(path: path, repeats: repeats, box: box))) } catch { outcome.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        let result = try outcome.get()
        print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
    }

    static func measure(path: String, repeats: Int, box: BoundingBox) async throws -> [String: Double] {
        let postgres = path.hasPrefix("postgres://") || path.hasPrefix("postgresql://")
        let store: any IncidentStoring = postgres ? try await PostgresIncidentStore.open(path) : try SQLiteIncidentStore(path: path)
        defer { if let pg = store as? PostgresIncidentStore { Task { await pg.shutdown() } } }
        let query = IncidentQuery(bbox: box)
        var counted = 0
        var countTimes: [Double] = []
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            counted = try await store.count(matching: query)
            countTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let streamed = Counter()
        var streamTimes: [Double] = []
        for _ in 0..<repeats {
            streamed.reset()
            let t0 = DispatchTime.now().uptimeNanoseconds
            try await store.forEach(matching: query) { streamed.add($0) }
            streamTimes.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return ["count": Double(counted), "rows": Double(streamed.rows),
                "count_median": median(countTimes), "count_min": countTimes.min() ?? 0,
                "foreach_median": median(streamTimes), "foreach_min": streamTimes.min() ?? 0]
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Rows seen by the `forEach` body (touching a field so the incident is really used).
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        private var lonSum = 0.0
        var rows: Int { lock.withLock { count } }
        func reset() { lock.withLock { count = 0; lonSum = 0 } }
        func add(_ incident: Incident) { lock.withLock { count += 1; lonSum += incident.lon } }
    }

    /// The async measurement's result, handed back to the synchronous `main`.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<[String: Double], Error> = .failure(CancellationError())
        func set(_ r: Result<[String: Double], Error>) { lock.withLock { result = r } }
        func get() throws -> [String: Double] { try lock.withLock { result }.get() }
    }
}
