import Foundation
import GeoCore
import Testing
@testable import MapStyle

/// Expression evaluation. Expected values follow the MapLibre style spec's documented
/// semantics (expressions page) and MapLibre's own test values where cited.
@Suite struct ExpressionTests {
    struct Case: CustomStringConvertible, Sendable {
        var json: String
        var properties: [String: PropertyValue] = [:]
        var zoom: Double = 0
        var expected: StyleValue
        var description: String { json }
    }

    static let props: [String: PropertyValue] = [
        "name": .string("Dushanbe"), "pop": .integer(863400), "capital": .integer(1),
        "level": .integer(3), "ratio": .double(0.5), "flag": .bool(true), "nothing": .null,
        "numeric": .string("42.5"), "date": .date(CalendarDate(year: 2024, month: 3, day: 9)!),
    ]

    static let cases: [Case] = [
        // get / has: a missing property is null; has is false for missing and null values.
        Case(json: #"["get", "name"]"#, properties: props, expected: .string("Dushanbe")),
        Case(json: #"["get", "pop"]"#, properties: props, expected: .number(863400)),
        Case(json: #"["get", "absent"]"#, properties: props, expected: .null),
        Case(json: #"["get", "date"]"#, properties: props, expected: .string("2024-03-09")),
        Case(json: #"["has", "name"]"#, properties: props, expected: .bool(true)),
        Case(json: #"["has", "absent"]"#, properties: props, expected: .bool(false)),
        Case(json: #"["has", "nothing"]"#, properties: props, expected: .bool(false)),
        // comparisons: == across types is false, ordering across types is an error (null).
        Case(json: #"["==", ["get", "level"], 3]"#, properties: props, expected: .bool(true)),
        Case(json: #"["==", ["get", "level"], "3"]"#, properties: props, expected: .bool(false)),
        Case(json: #"["!=", ["get", "level"], "3"]"#, properties: props, expected: .bool(true)),
        Case(json: #"["==", ["get", "absent"], null]"#, properties: props, expected: .bool(true)),
        Case(json: #"["<", ["get", "level"], 4]"#, properties: props, expected: .bool(true)),
        Case(json: #"["<=", ["get", "level"], 3]"#, properties: props, expected: .bool(true)),
        Case(json: #"[">", ["get", "level"], 3]"#, properties: props, expected: .bool(false)),
        Case(json: #"[">=", ["get", "ratio"], 0.5]"#, properties: props, expected: .bool(true)),
        Case(json: #"["<", ["get", "name"], "E"]"#, properties: props, expected: .bool(true)),
        Case(json: #"["<", ["get", "name"], 5]"#, properties: props, expected: .null),
        Case(json: #"["<", ["get", "absent"], 5]"#, properties: props, expected: .null),
        // all / any / ! (empty all is true, empty any false).
        Case(json: #"["all"]"#, expected: .bool(true)),
        Case(json: #"["any"]"#, expected: .bool(false)),
        Case(json: #"["all", ["==", ["get", "capital"], 1], [">", ["get", "pop"], 500000]]"#, properties: props, expected: .bool(true)),
        Case(json: #"["all", ["==", ["get", "capital"], 1], [">", ["get", "pop"], 900000]]"#, properties: props, expected: .bool(false)),
        Case(json: #"["any", ["==", ["get", "capital"], 0], [">", ["get", "pop"], 500000]]"#, properties: props, expected: .bool(true)),
        Case(json: #"["any", false, ["get", "name"]]"#, properties: props, expected: .null),
        Case(json: #"["!", ["has", "absent"]]"#, properties: props, expected: .bool(true)),
        Case(json: #"["!", ["get", "flag"]]"#, properties: props, expected: .bool(false)),
        // match: array labels, number labels, fallback on no match and on a type mismatch.
        Case(json: #"["match", ["get", "name"], ["Tashkent", "Dushanbe"], "capital", "Osh", "city", "other"]"#,
             properties: props, expected: .string("capital")),
        Case(json: #"["match", ["get", "level"], 1, "one", [2, 3], "two-three", "other"]"#, properties: props, expected: .string("two-three")),
        Case(json: #"["match", ["get", "level"], "3", "string three", "fallback"]"#, properties: props, expected: .string("fallback")),
        Case(json: #"["match", ["get", "absent"], "x", "x", "fallback"]"#, properties: props, expected: .string("fallback")),
        // case: first true condition; non-boolean conditions do not match; fallback.
        Case(json: #"["case", ["<", ["get", "pop"], 100000], "small", ["<", ["get", "pop"], 1000000], "medium", "large"]"#,
             properties: props, expected: .string("medium")),
        Case(json: #"["case", ["has", "absent"], "a", "fallback"]"#, properties: props, expected: .string("fallback")),
        Case(json: #"["case", ["get", "name"], "a", "fallback"]"#, properties: props, expected: .string("fallback")),
        // step: base below the first stop, a stop's output from that stop on (inclusive).
        Case(json: #"["step", ["zoom"], 1, 5, 2, 8, 3]"#, zoom: 4.99, expected: .number(1)),
        Case(json: #"["step", ["zoom"], 1, 5, 2, 8, 3]"#, zoom: 5, expected: .number(2)),
        Case(json: #"["step", ["zoom"], 1, 5, 2, 8, 3]"#, zoom: 12, expected: .number(3)),
        Case(json: #"["step", ["get", "absent"], 1, 5, 2]"#, properties: props, expected: .null),
        // interpolate: clamps outside the stops, linear between.
        Case(json: #"["interpolate", ["linear"], ["zoom"], 2, 10, 6, 30]"#, zoom: 0, expected: .number(10)),
        Case(json: #"["interpolate", ["linear"], ["zoom"], 2, 10, 6, 30]"#, zoom: 3, expected: .number(15)),
        Case(json: #"["interpolate", ["linear"], ["zoom"], 2, 10, 6, 30]"#, zoom: 9, expected: .number(30)),
        Case(json: #"["interpolate", ["linear"], ["zoom"], 0, ["literal", [0, 10]], 10, ["literal", [10, 30]]]"#,
             zoom: 5, expected: .array([.number(5), .number(20)])),
        Case(json: #"["interpolate", ["exponential", 1], ["zoom"], 0, 0, 10, 100]"#, zoom: 2.5, expected: .number(25)),
        // zoom, heatmap-density, literal, coalesce.
        Case(json: #"["zoom"]"#, zoom: 6.5, expected: .number(6.5)),
        Case(json: #"["literal", [1, "a"]]"#, expected: .array([.number(1), .string("a")])),
        Case(json: #"["coalesce", ["get", "absent"], ["get", "nothing"], ["get", "name"], "x"]"#, properties: props, expected: .string("Dushanbe")),
        Case(json: #"["coalesce", ["get", "absent"]]"#, properties: props, expected: .null),
        // to-number: null 0, booleans 0/1, numeric strings, first convertible argument, else error.
        Case(json: #"["to-number", ["get", "numeric"]]"#, properties: props, expected: .number(42.5)),
        Case(json: #"["to-number", ["get", "absent"]]"#, properties: props, expected: .number(0)),
        Case(json: #"["to-number", ["get", "flag"]]"#, properties: props, expected: .number(1)),
        Case(json: #"["to-number", ["get", "name"], ["get", "pop"]]"#, properties: props, expected: .number(863400)),
        Case(json: #"["to-number", ["get", "name"]]"#, properties: props, expected: .null),
        // to-string: null "", numbers as JavaScript prints them, booleans.
        Case(json: #"["to-string", ["get", "pop"]]"#, properties: props, expected: .string("863400")),
        Case(json: #"["to-string", ["get", "ratio"]]"#, properties: props, expected: .string("0.5")),
        Case(json: #"["to-string", ["get", "absent"]]"#, properties: props, expected: .string("")),
        Case(json: #"["to-string", ["get", "flag"]]"#, properties: props, expected: .string("true")),
    ]

    @Test(arguments: cases)
    func evaluates(_ c: Case) throws {
        let value = try evaluate(c.json, c.properties, zoom: c.zoom)
        #expect(value == c.expected, "\(c.json) at zoom \(c.zoom)")
    }

    /// MapLibre's function tests: stops [[1, 2], [3, 6]], base 2 gives 30/9 at zoom 2.
    @Test func exponentialBaseMatchesMapLibre() throws {
        let e = try expression(#"["interpolate", ["exponential", 2], ["zoom"], 1, 2, 3, 6]"#, .number)
        let at = { (z: Double) in e.evaluate(EvaluationContext(zoom: z)).number ?? .nan }
        #expect(abs(at(0) - 2) < 1e-12)
        #expect(abs(at(1) - 2) < 1e-12)
        #expect(abs(at(2) - 30.0 / 9.0) < 1e-12)
        #expect(abs(at(3) - 6) < 1e-12)
        #expect(abs(at(4) - 6) < 1e-12)
    }

    @Test func interpolatesColoursInRGB() throws {
        let e = try expression(##"["interpolate", ["linear"], ["zoom"], 0, "#000000", 10, "#ffffff"]"##, .color)
        let mid = e.evaluate(EvaluationContext(zoom: 5)).color
        #expect(mid == StyleColor(red: 0.5, green: 0.5, blue: 0.5))
        // Premultiplied interpolation: a transparent stop contributes no colour, so the hue
        // stays that of the opaque stop while alpha ramps.
        let fade = try expression(##"["interpolate", ["linear"], ["zoom"], 0, "rgba(0,0,0,0)", 10, "#ff0000"]"##, .color)
        let half = try #require(fade.evaluate(EvaluationContext(zoom: 5)).color)
        #expect(abs(half.red - 1) < 1e-12 && half.green == 0 && abs(half.alpha - 0.5) < 1e-12)
    }

    /// MapLibre's default heatmap-color ramp: lime at density 0.5, red at 1, transparent at 0.
    @Test func defaultHeatmapColorRamp() throws {
        let layer = StyleLayer(id: "h", type: .heatmap, source: "d", minZoom: 0, maxZoom: 24, filter: nil,
                               properties: [:], metadata: nil)
        let ramp = layer.property("heatmap-color")
        #expect(ramp.color(EvaluationContext(zoom: 0, heatmapDensity: 0.5)) == StyleColor(css: "lime"))
        #expect(ramp.color(EvaluationContext(zoom: 0, heatmapDensity: 1)) == StyleColor(css: "red"))
        #expect(ramp.color(EvaluationContext(zoom: 0, heatmapDensity: 0))?.alpha == 0)
        #expect(try evaluate(#"["heatmap-density"]"#, density: 0.25) == .number(0.25))
    }

    @Test func dependencies() throws {
        #expect(try expression(#"["interpolate", ["linear"], ["zoom"], 0, 1, 5, 2]"#, .number).usesZoom)
        #expect(try !expression(#"["get", "x"]"#).isConstant)
        #expect(try expression(#"["get", "x"]"#).usesFeature)
        #expect(try expression(#"["literal", 3]"#, .number).isConstant)
    }
}
