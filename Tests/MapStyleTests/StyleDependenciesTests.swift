import Foundation
import Testing
@testable import MapStyle

/// Which styles and zoom levels depend on incidents (and so on the data version in tile keys).
@Suite struct StyleDependenciesTests {
    static let analytical = #""inc": {"type": "incidents"}, "dens": {"type": "density"}, "hot": {"type": "hotspots"}, "rt": {"type": "routes"}"#

    @Test func aBasemapStyleDoesNotDependOnIncidents() throws {
        let style = try decodeStyle(styleJSON(layers: """
            [{"id": "bg", "type": "background"}, {"id": "c", "type": "fill", "source": "countries"}]
            """, sources: Self.analytical)).style
        #expect(!style.dependsOnIncidents, "sources alone, unused by layers, change nothing drawn")
        #expect(!style.dependsOnIncidents(atZoom: 5))
    }

    @Test(arguments: ["inc", "dens", "hot", "rt"])
    func aLayerOnAnIncidentDerivedSourceMakesItDepend(source: String) throws {
        let style = try decodeStyle(styleJSON(layers: """
            [{"id": "c", "type": "fill", "source": "countries"},
             {"id": "x", "type": "circle", "source": "\(source)", "minzoom": 6, "maxzoom": 10}]
            """, sources: Self.analytical)).style
        #expect(style.dependsOnIncidents)
        #expect(!style.dependsOnIncidents(atZoom: 5), "below minzoom the layer is not drawn")
        #expect(style.dependsOnIncidents(atZoom: 6))
        #expect(style.dependsOnIncidents(atZoom: 9))
        #expect(!style.dependsOnIncidents(atZoom: 10), "maxzoom is exclusive")
    }

    @Test func aHiddenIncidentLayerDoesNotCount() throws {
        let style = try decodeStyle(styleJSON(layers: """
            [{"id": "x", "type": "circle", "source": "inc", "layout": {"visibility": "none"}}]
            """, sources: Self.analytical)).style
        #expect(!style.dependsOnIncidents)
    }

    @Test func theShippedStylesDependOnIncidents() throws {
        let styles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Styles")
        for name in ["report", "situation-room"] {
            let style = try Style.load(contentsOf: styles.appendingPathComponent("\(name).json")).style
            #expect(style.dependsOnIncidents(atZoom: 0), "\(name) draws an incidents layer at every zoom")
        }
    }
}
