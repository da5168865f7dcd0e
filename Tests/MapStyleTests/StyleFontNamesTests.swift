import Foundation
import Testing
@testable import MapStyle

/// The fonts a style draws with (folded into tile fingerprints) and the hash function that
/// fingerprints use.
@Suite struct StyleFontNamesTests {
    @Test func fontNamesComeFromVisibleSymbolLayersOnly() throws {
        let style = try decodeStyle(styleJSON(layers: """
            [{"id": "c", "type": "fill", "source": "countries"},
             {"id": "a", "type": "symbol", "source": "countries",
              "layout": {"text-field": ["get", "name"], "text-font": ["DejaVu Sans Bold"]}},
             {"id": "b", "type": "symbol", "source": "countries",
              "layout": {"text-field": ["get", "name"],
                         "text-font": ["step", ["zoom"], ["literal", ["Noto Sans Regular"]], 6, ["literal", ["DejaVu Sans Book", "Noto Sans Bold"]]]}},
             {"id": "hidden", "type": "symbol", "source": "countries",
              "layout": {"visibility": "none", "text-field": ["get", "name"], "text-font": ["Hidden Font"]}}]
            """)).style
        #expect(style.fontNames == ["DejaVu Sans Bold", "DejaVu Sans Book", "Noto Sans Bold", "Noto Sans Regular"])
    }

    @Test func aSymbolLayerWithoutTextFontUsesTheSpecificationDefault() throws {
        let style = try decodeStyle(styleJSON(layers: """
            [{"id": "a", "type": "symbol", "source": "countries", "layout": {"text-field": ["get", "name"]}}]
            """)).style
        // MapLibre style specification, layout property text-font: default
        // ["Open Sans Regular", "Arial Unicode MS Regular"].
        #expect(style.fontNames == ["Arial Unicode MS Regular", "Open Sans Regular"])
        let noLabels = try decodeStyle(styleJSON(layers: #"[{"id": "c", "type": "fill", "source": "countries"}]"#)).style
        #expect(noLabels.fontNames.isEmpty)
    }

    /// Test vectors of the FNV reference (Landon Curt Noll, "FNV test vectors", FNV-1a 64-bit).
    @Test func fnv1a64MatchesThePublishedVectors() {
        #expect(fnv1a64([]) == 0xcbf2_9ce4_8422_2325)
        #expect(fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(fnv1a64(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }
}
