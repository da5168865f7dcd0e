import Foundation
import Testing
@testable import GeoFormats

@Suite("Coordinate parsing")
struct CoordinateParsingTests {
    /// Degrees from parts, written out here rather than computed by the parser.
    static func dms(_ d: Double, _ m: Double, _ s: Double) -> Double {
        d < 0 ? -(-d + m / 60 + s / 3600) : d + m / 60 + s / 3600
    }

    @Test("angles", arguments: [
        ("41.311", CoordinateAxis.latitude, true, 41.311),
        ("-69.28", .longitude, true, -69.28),
        ("+41.3", .latitude, true, 41.3),
        ("41,311", .latitude, true, 41.311),
        ("  41.311 ", .latitude, false, 41.311),
        ("43°15'30\"N", .latitude, true, dms(43, 15.0, 30.0)),
        ("43°15'30\"S", .latitude, true, dms(-43, 15.0, 30.0)),
        ("43 15 30 N", .latitude, true, dms(43, 15.0, 30.0)),
        ("43°15.5'N", .latitude, true, dms(43, 15.5, 0)),
        ("43°15,5'N", .latitude, true, dms(43, 15.5, 0)),
        ("N43 15 30", .latitude, true, dms(43, 15.0, 30.0)),
        ("n43 15 30", .latitude, true, dms(43, 15.0, 30.0)),
        ("W 69 10", .longitude, true, dms(-69, 10.0, 0)),
        ("69°10′15″E", .longitude, true, dms(69, 10.0, 15.0)),
        ("69°10′15.25″ W", .longitude, true, dms(-69, 10.0, 15.25)),
        ("69º10’15”E", .longitude, true, dms(69, 10.0, 15.0)),
        ("69°10'15''E", .longitude, true, dms(69, 10.0, 15.0)),
        ("38°33'45\" с.ш.", .latitude, true, dms(38, 33.0, 45.0)),
        ("68°46'30\" з.д.", .longitude, true, dms(-68, 46.0, 30.0)),
        ("-43°15'", .latitude, true, dms(-43, 15.0, 0)),
        ("43°", .latitude, true, 43),
        ("123.5", .latitude, true, 123.5),  // out of range parses; validate() refuses it
    ] as [(String, CoordinateAxis, Bool, Double)])
    func angles(text: String, axis: CoordinateAxis, decimalComma: Bool, expected: Double) throws {
        let v = try CoordinateParsing.parseAngle(text, axis: axis, decimalComma: decimalComma)
        #expect(abs(v - expected) < 1e-12, "\(text) -> \(v)")
    }

    @Test("bad angles give reasons", arguments: [
        ("", "no coordinate"),
        ("abc", "unexpected"),
        ("43°75'N", "minutes must be below 60"),
        ("43°15'60\"N", "seconds must be below 60"),
        ("43.5°15'", "only the last"),
        ("43°15'30\"E", "hemisphere E, which is for longitude"),
        ("-43 S", "both a minus sign"),
        ("15'43°", "out of order"),
        ("41,3", "decimal comma"),  // decimalComma false
        ("1 2 3 4", "more than degrees"),
        ("41.3.1", "two decimal separators"),
    ])
    func badAngles(text: String, reason: String) {
        let error = #expect(throws: FormatError.self) {
            try CoordinateParsing.parseAngle(text, axis: .latitude, decimalComma: false)
        }
        #expect(error?.message.contains(reason) == true, "\(text): \(error?.message ?? "-")")
    }

    @Test("lat,lon pairs in one cell", arguments: [
        ("41.31, 69.28", false, 41.31, 69.28),
        ("41.31,69.28", false, 41.31, 69.28),
        ("41.31 69.28", true, 41.31, 69.28),
        ("41,31; 69,28", true, 41.31, 69.28),
        ("41,31, 69,28", true, 41.31, 69.28),
        ("41,31,69,28", true, 41.31, 69.28),
        ("41°18'N 69°16'E", false, 41.3, dms(69, 16.0, 0)),
        ("69°16'E 41°18'N", false, 41.3, dms(69, 16.0, 0)),
        ("N41 18 E69 16", false, 41.3, dms(69, 16.0, 0)),
        ("41 18 00 N 69 16 00 E", false, 41.3, dms(69, 16.0, 0)),
        ("41 18 69 16", false, 41.3, dms(69, 16.0, 0)),
        ("-33.9, -70.6", false, -33.9, -70.6),
    ] as [(String, Bool, Double, Double)])
    func pairs(text: String, decimalComma: Bool, lat: Double, lon: Double) throws {
        let p = try CoordinateParsing.parsePair(text, decimalComma: decimalComma)
        #expect(abs(p.lat - lat) < 1e-12 && abs(p.lon - lon) < 1e-12, "\(text) -> \(p)")
    }

    @Test("cells that are not pairs", arguments: ["41.31", "", "1 2 3", "41,31, 69,28", "N41 N69"])
    func badPairs(text: String) {
        #expect(throws: FormatError.self) { try CoordinateParsing.parsePair(text, decimalComma: false) }
    }

    @Test("validation", arguments: [
        (41.3, 69.2, nil),
        (90, 180, nil),
        (-90, -180, nil),
        (90.0001, 0, "latitude"),
        (0, -180.5, "longitude"),
        (0, 0, "null island"),
        (Double.nan, 1, "not finite"),
    ] as [(Double, Double, String?)])
    func validation(lat: Double, lon: Double, reason: String?) {
        do {
            try CoordinateParsing.validate(lat: lat, lon: lon)
            #expect(reason == nil)
        } catch let error as FormatError {
            #expect(reason.map { error.message.contains($0) } == true, "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
