import Testing
@testable import MapStyle

/// CSS colour parsing. Expected channels come from the CSS Color specifications (named colour
/// table, the HSL examples of CSS Color 3 §4.2.4), not from this parser.
@Suite struct ColorParsingTests {
    struct Case: CustomStringConvertible, Sendable {
        var css: String
        var rgba: (UInt8, UInt8, UInt8, UInt8)?
        var description: String { css }
    }

    static let cases: [Case] = [
        Case(css: "#0b1119", rgba: (11, 17, 25, 255)),
        Case(css: "#4FC3D9", rgba: (79, 195, 217, 255)),
        Case(css: "#f0c", rgba: (255, 0, 204, 255)),
        Case(css: "#ff000080", rgba: (255, 0, 0, 128)),
        Case(css: "#f008", rgba: (255, 0, 0, 136)),
        Case(css: "rgb(255, 128, 0)", rgba: (255, 128, 0, 255)),
        Case(css: "rgb(100%, 50%, 0%)", rgba: (255, 128, 0, 255)),
        Case(css: "rgba(0, 0, 255, 0.5)", rgba: (0, 0, 255, 128)),
        Case(css: "rgba(0,0,255,0)", rgba: (0, 0, 255, 0)),
        Case(css: "rgb(0 0 255 / 50%)", rgba: (0, 0, 255, 128)),
        Case(css: "hsl(0, 100%, 50%)", rgba: (255, 0, 0, 255)),
        Case(css: "hsl(120, 100%, 25%)", rgba: (0, 128, 0, 255)),
        Case(css: "hsl(120, 100%, 75%)", rgba: (128, 255, 128, 255)),
        Case(css: "hsl(120, 75%, 75%)", rgba: (143, 239, 143, 255)),
        Case(css: "hsla(240, 100%, 50%, 0.25)", rgba: (0, 0, 255, 64)),
        Case(css: "black", rgba: (0, 0, 0, 255)),
        Case(css: "white", rgba: (255, 255, 255, 255)),
        Case(css: "Red", rgba: (255, 0, 0, 255)),
        Case(css: "transparent", rgba: (0, 0, 0, 0)),
        Case(css: "royalblue", rgba: (65, 105, 225, 255)),
        Case(css: "rebeccapurple", rgba: (102, 51, 153, 255)),
        Case(css: "lime", rgba: (0, 255, 0, 255)),
        Case(css: "  cyan ", rgba: (0, 255, 255, 255)),
        Case(css: "#12345", rgba: nil),
        Case(css: "#gg0000", rgba: nil),
        Case(css: "rgb(1, 2)", rgba: nil),
        Case(css: "hsl(120, 100, 50)", rgba: nil),
        Case(css: "wide", rgba: nil),
        Case(css: "", rgba: nil),
    ]

    @Test(arguments: cases)
    func parses(_ c: Case) {
        let color = StyleColor(css: c.css)
        guard let expected = c.rgba else {
            #expect(color == nil, "\(c.css) should not parse")
            return
        }
        let got = color?.rgba8
        #expect(got?.red == expected.0 && got?.green == expected.1 && got?.blue == expected.2 && got?.alpha == expected.3,
                "\(c.css) gave \(String(describing: got))")
    }

    @Test func toStringPrintsRGBA() {
        #expect(StyleColor(css: "#ff8000")?.description == "rgba(255,128,0,1)")
    }
}
