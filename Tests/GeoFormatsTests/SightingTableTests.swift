import Foundation
import Testing
import TestSupport
@testable import GeoFormats

/// The sighting table's header matching, row conversion and source key.
@Suite struct SightingTableTests {
    @Test func russianAndEnglishHeadersAreMatched() throws {
        let ru = try SightingTable(header: ["Номер", "Камера", "Время", "Долгота", "Широта", "Примечание"], decimalComma: true)
        #expect(ru.columns == [.plate: 0, .camera: 1, .time: 2, .lon: 3, .lat: 4])
        let en = try SightingTable(header: ["lat", "lon", "datetime", "camera", "plate", "source"], decimalComma: false)
        #expect(en.columns == [.lat: 0, .lon: 1, .time: 2, .camera: 3, .plate: 4, .source: 5])
        #expect(throws: FormatError.self) { try SightingTable(header: ["plate", "time", "lon", "lat"], decimalComma: false) }
    }

    @Test func rowsBecomeRecordsOrRejections() throws {
        let t = try SightingTable(header: ["номер", "камера", "время", "долгота", "широта"], file: "a.csv", decimalComma: true)
        guard case .record(let r) = t.convert(["syn 01 ab", "C1", "05.03.2024 10:00", "74,5", "42°52'N"], row: 2) else {
            Issue.record("row 2 should be a record")
            return
        }
        #expect(r.plate == "SYN01AB" && r.cameraID == "C1" && r.row == 2)
        #expect(r.time == Date(timeIntervalSince1970: 1_709_632_800))
        #expect(r.lon == 74.5 && abs(r.lat - (42 + 52.0 / 60)) < 1e-12)
        #expect(t.convert(["SYN-1", "C1", "", "74", "42"], row: 3) == .rejected(RowRejection(file: "a.csv", row: 3, reason: "missing time")))
        #expect(t.convert(["SYN-1", "", "2024-03-05", "74", "42"], row: 4) == .rejected(RowRejection(file: "a.csv", row: 4, reason: "missing camera")))
    }

    /// The key is the incident rule: SHA-256 over sorted "name U+001F value U+001E" entries,
    /// worked here by Python's hashlib; column order does not change it.
    @Test func sourceKeyFollowsTheIncidentRule() throws {
        let header = ["plate", "camera_id", "time", "lon", "lat"], values = ["SYN-1", "C1", "2024-03-05T10:00:00Z", "74.5", "42.9"]
        let t = try SightingTable(header: header, decimalComma: false)
        guard case .record(let r) = t.convert(values, row: 2) else {
            Issue.record("row 2 should be a record")
            return
        }
        let reordered = try SightingTable(header: Array(header.reversed()), decimalComma: false)
        guard case .record(let r2) = reordered.convert(values.reversed(), row: 2) else {
            Issue.record("reordered row should be a record")
            return
        }
        #expect(r.sourceKey == r2.sourceKey)
        let python = try PythonOracle.run(script: """
            import hashlib
            entries = sorted((n + '\\x1f' + v).encode() for n, v in zip(\(header), \(values)))
            print(hashlib.sha256(b''.join(e + b'\\x1e' for e in entries)).hexdigest())
            """)
        #expect(r.sourceKey == python.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
