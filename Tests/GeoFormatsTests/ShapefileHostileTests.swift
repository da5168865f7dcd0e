import Foundation
import GeoCore
import TestSupport
import Testing
@testable import GeoFormats

/// Builds `.shp` bytes by hand from the ESRI specification (independent of our writer).
enum HandmadeSHP {
    static func be(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
    static func le(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
    static func d(_ v: Double) -> [UInt8] { withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }

    static func header(type: Int32, length: Int) -> [UInt8] {
        be(9994) + [UInt8](repeating: 0, count: 20) + be(Int32(length / 2)) + le(1000) + le(type)
            + [0, 0, 0, 0, 10, 10, 0, 0].flatMap(d)
    }

    /// A whole file from record contents; `lengthOverride` replaces a record's declared length (bytes).
    static func file(type: Int32, records: [[UInt8]], lengthOverride: [Int: Int] = [:]) -> [UInt8] {
        var body: [UInt8] = []
        for (i, r) in records.enumerated() {
            body += be(Int32(i + 1)) + be(Int32((lengthOverride[i] ?? r.count) / 2)) + r
        }
        return header(type: type, length: 100 + body.count) + body
    }

    static func shx(for shp: [UInt8], entries: [(Int, Int)]) -> [UInt8] {
        header(type: 3, length: 100 + 8 * entries.count) + entries.flatMap { be(Int32($0.0 / 2)) + be(Int32($0.1 / 2)) }
    }

    static func point(_ x: Double, _ y: Double) -> [UInt8] { le(1) + d(x) + d(y) }

    /// PolyLine (3) or Polygon (5) content with the given part starts and points.
    static func poly(type: Int32 = 3, parts: [Int32], points: [(Double, Double)], numParts: Int32? = nil, numPoints: Int32? = nil) -> [UInt8] {
        le(type) + [0, 0, 10, 10].flatMap(d) + le(numParts ?? Int32(parts.count)) + le(numPoints ?? Int32(points.count))
            + parts.flatMap(le) + points.flatMap { d($0.0) + d($0.1) }
    }
}

@Suite("Shapefile reader on hostile input")
struct ShapefileHostileTests {
    static let line = HandmadeSHP.poly(parts: [0], points: [(0, 0), (1, 1), (2, 0)])

    static let cases: [(String, [UInt8], String)] = [
        ("truncated header", Array(HandmadeSHP.file(type: 3, records: [line]).prefix(60)), "header"),
        ("wrong file code", [0, 0, 0, 1] + Array(HandmadeSHP.file(type: 3, records: [line]).dropFirst(4)), "header"),
        ("negative part count", HandmadeSHP.file(type: 3, records: [HandmadeSHP.poly(parts: [0], points: [(0, 0), (1, 1)], numParts: -1)]), "record 1"),
        ("negative point count", HandmadeSHP.file(type: 3, records: [HandmadeSHP.poly(parts: [0], points: [(0, 0), (1, 1)], numPoints: -5)]), "record 1"),
        ("huge point count", HandmadeSHP.file(type: 3, records: [HandmadeSHP.poly(parts: [0], points: [(0, 0), (1, 1)], numPoints: .max)]), "record 1"),
        ("huge part count", HandmadeSHP.file(type: 3, records: [HandmadeSHP.poly(parts: [0], points: [(0, 0), (1, 1)], numParts: .max)]), "record 1"),
        ("part index out of range", HandmadeSHP.file(type: 3, records: [line, HandmadeSHP.poly(parts: [0, 7], points: [(0, 0), (1, 1), (2, 2)])]), "record 2"),
        ("decreasing part index", HandmadeSHP.file(type: 3, records: [HandmadeSHP.poly(parts: [0, 2, 1], points: [(0, 0), (1, 1), (2, 2)])]), "record 1"),
        ("record length lies", HandmadeSHP.file(type: 3, records: [line, line], lengthOverride: [1: 100_000]), "record 2"),
        ("negative record length", HandmadeSHP.file(type: 3, records: [line], lengthOverride: [0: -8]), "record 1"),
        ("content shorter than its counts", HandmadeSHP.file(type: 3, records: [Array(line.dropLast(16))]), "record 1"),
        ("NaN coordinate", HandmadeSHP.file(type: 1, records: [HandmadeSHP.point(.nan, 1)]), "record 1"),
        ("infinite coordinate", HandmadeSHP.file(type: 3, records: [HandmadeSHP.poly(parts: [0], points: [(0, 0), (.infinity, 1)])]), "record 1"),
        ("unknown record type", HandmadeSHP.file(type: 3, records: [HandmadeSHP.le(99) + [UInt8](repeating: 0, count: 40)]), "record 1"),
        ("MultiPatch", HandmadeSHP.file(type: 31, records: [HandmadeSHP.le(31) + [UInt8](repeating: 0, count: 60)]), "record 1"),
        ("degenerate ring", HandmadeSHP.file(type: 5, records: [HandmadeSHP.poly(type: 5, parts: [0], points: [(0, 0), (1, 1)])]), "record 1"),
    ]

    @Test("corrupt .shp gives FormatError with file and record", arguments: cases.indices)
    func corrupt(_ i: Int) throws {
        let (name, bytes, location) = Self.cases[i]
        #expect(name.isEmpty == false)
        let error = #expect(throws: FormatError.self, "\(name)") {
            try ShapefileReader(shpData: Data(bytes), name: "bad").readAll()
        }
        #expect(error?.file == "bad.shp", "\(name): \(String(describing: error))")
        #expect(error?.location == location, "\(name): \(String(describing: error))")
    }

    @Test(".shx pointing past the end of the .shp")
    func shxPastEnd() throws {
        let shp = HandmadeSHP.file(type: 3, records: [Self.line])
        let shx = HandmadeSHP.shx(for: shp, entries: [(100, Self.line.count), (50_000, 40)])
        let reader = try ShapefileReader(shpData: Data(shp), shxData: Data(shx), name: "bad")
        #expect(reader.recordCount == 2)
        #expect(try reader.feature(at: 0)?.geometry != nil)
        let error = #expect(throws: FormatError.self) { try reader.feature(at: 1) }
        #expect(error?.location == "record 2")
        #expect(error?.file == "bad.shp")
    }

    @Test("unclosed rings are closed, with a warning; holes go to the smallest containing shell")
    func unclosedRingAndAssembly() throws {
        // Outer shell (clockwise, unclosed), inner shell inside it, hole inside the inner shell,
        // and a counter-clockwise ring outside everything (becomes its own shell).
        let big: [(Double, Double)] = [(0, 0), (0, 10), (10, 10), (10, 0)]
        let small: [(Double, Double)] = [(2, 2), (2, 8), (8, 8), (8, 2), (2, 2)]
        let hole: [(Double, Double)] = [(4, 4), (6, 4), (6, 6), (4, 6), (4, 4)]
        let orphan: [(Double, Double)] = [(20, 0), (22, 0), (22, 2), (20, 2), (20, 0)]
        let pts = big + small + hole + orphan
        let rec = HandmadeSHP.poly(type: 5, parts: [0, 4, 9, 14], points: pts)
        let reader = try ShapefileReader(shpData: Data(HandmadeSHP.file(type: 5, records: [rec])))
        let g = try reader.next()?.geometry
        guard case .multiPolygon(let mp)? = g else { Issue.record("expected a MultiPolygon, got \(String(describing: g))"); return }
        #expect(mp.polygons.count == 3)
        #expect(mp.polygons[0].exterior.coordinates.count == 5, "closed")
        #expect(mp.polygons[0].holes.isEmpty)
        #expect(mp.polygons[1].holes.count == 1, "hole in the smaller shell")
        #expect(mp.polygons[2].exterior.coordinates.first == Coordinate(20, 0))
        #expect(reader.warnings.contains { $0.contains("not closed") })
    }

    @Test("thousands of nested rings are organised within a bounded time")
    func nestedRingsBudget() throws {
        var pts: [(Double, Double)] = []
        var parts: [Int32] = []
        for i in 0..<2500 {  // clockwise shells, each a little smaller than the one before
            let a = Double(i) * 0.001, b = 100 - a
            parts.append(Int32(pts.count))
            pts += [(a, a), (a, b), (b, b), (b, a), (a, a)]
        }
        for i in 0..<2500 {  // counter-clockwise holes near the centre
            let a = 40 + Double(i) * 0.001, b = a + 0.0005
            parts.append(Int32(pts.count))
            pts += [(a, a), (b, a), (b, b), (a, b), (a, a)]
        }
        let rec = HandmadeSHP.poly(type: 5, parts: parts, points: pts)
        let start = ContinuousClock.now
        let g = try ShapefileReader(shpData: Data(HandmadeSHP.file(type: 5, records: [rec]))).next()?.geometry
        #expect(ContinuousClock.now - start < .seconds(20))
        guard case .multiPolygon(let mp)? = g else { Issue.record("expected a MultiPolygon"); return }
        #expect(mp.polygons.count == 2500)
        #expect(mp.polygons.reduce(0) { $0 + $1.holes.count } == 2500)
    }

    /// Seeded (reproducible: the seed and the round are in every message) random corruption of
    /// real files. Each round either fails to open with a `FormatError` naming one of its three
    /// files, or opens, and then every record reads or throws a `FormatError` that names the
    /// file and that very record (or the byte a read ran past); no other error, no crash, and
    /// reading goes on to the end after each error.
    @Test("seeded random corruption: each record reads or throws a FormatError naming it")
    func mutations() throws {
        let shp = try Data(contentsOf: URL(fileURLWithPath: ShapefileOracle.fixture("linezm.shp")))
        let shx = try Data(contentsOf: URL(fileURLWithPath: ShapefileOracle.fixture("linezm.shx")))
        let dbf = try Data(contentsOf: URL(fileURLWithPath: ShapefileOracle.fixture("cyr_ldid201.dbf")))
        let seed: UInt64 = 0x5EED_0001
        var rng = SplitMix64(seed: seed)
        let files: Set<String?> = ["mutant.shp", "mutant.shx", "mutant.dbf"]
        var openErrors = 0, recordErrors = 0, recordsRead = 0
        for round in 0..<3000 {
            let tag = "seed \(seed), round \(round)"
            var s = [UInt8](shp), x = [UInt8](shx), d = [UInt8](dbf)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let target = Int.random(in: 0..<3, using: &rng)
                if target == 0 { s[Int.random(in: 0..<s.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                if target == 1 { x[Int.random(in: 0..<x.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
                if target == 2 { d[Int.random(in: 0..<d.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            }
            if round % 5 == 0 { s = Array(s.prefix(Int.random(in: 0...s.count, using: &rng))) }
            let reader: ShapefileReader
            do {
                reader = try ShapefileReader(shpData: Data(s), shxData: round % 3 == 0 ? nil : Data(x), dbfData: Data(d), name: "mutant")
            } catch let e as FormatError {
                openErrors += 1
                #expect(files.contains(e.file), "\(tag): opening: \(e)")
                #expect(!e.message.isEmpty, "\(tag)")
                continue
            } catch {
                Issue.record("\(tag): opening threw \(type(of: error)), not a FormatError: \(error)")
                continue
            }
            _ = reader.info
            for i in 0..<reader.recordCount {
                do {
                    _ = try reader.feature(at: i)
                    recordsRead += 1
                } catch let e as FormatError {
                    recordErrors += 1
                    #expect(files.contains(e.file), "\(tag), record \(i + 1): \(e)")
                    let location = e.location ?? ""
                    let named = location == "record \(i + 1)" || location == "row \(i + 1)" || location.hasPrefix("byte ")
                    #expect(named, "\(tag), record \(i + 1): the error names \(location.isEmpty ? "no place" : location): \(e)")
                } catch {
                    Issue.record("\(tag), record \(i + 1): \(type(of: error)), not a FormatError: \(error)")
                }
            }
            // Streaming goes past every corrupt record to the end, as random access does.
            reader.rewind()
            var steps = 0
            while steps <= reader.recordCount {
                steps += 1
                do {
                    guard try reader.next() != nil else { break }
                } catch is FormatError {
                    continue
                }
            }
            #expect(steps <= reader.recordCount + 1, "\(tag): next() did not end after \(reader.recordCount) records")
        }
        // The rounds reach every outcome: files that do not open, corrupt records, good records.
        #expect(openErrors > 100 && recordErrors > 100 && recordsRead > 1000,
                "opening failed \(openErrors) times, \(recordErrors) record errors, \(recordsRead) records read")
    }
}
