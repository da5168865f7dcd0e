import Foundation
import GeoCore
import GeoProjection
import TestSupport
import MapStyle
import PNGCodec
import Rasterizer
import Testing
@testable import MapRenderer

/// Shared renderers over the repository's Styles/ and Shapefiles/.
enum Fixtures {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let data = repo.appendingPathComponent("Shapefiles")

    static func renderer(_ style: String) throws -> MapRenderer {
        try MapRenderer(styleFile: repo.appendingPathComponent("Styles/\(style).json"), dataDirectory: data)
    }

    static let situationRoom = Result { try renderer("situation-room") }
    static let report = Result { try renderer("report") }

    static func golden(_ image: Pixmap, _ name: String) throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let problem = try GoldenImage.check(image, name: name, sourceDirectory: source,
                                            bundledDirectory: Bundle.module.url(forResource: "Golden", withExtension: nil),
                                            tolerance: .text)
        #expect(problem == nil, "\(problem ?? "")")
    }
}

@Suite struct MapRendererTests {
    @Test(arguments: [(5, 22, 12, 1.0), (7, 89, 48, 1.0), (8, 178, 96, 2.0)])
    func situationRoomTilesMatchGolden(z: Int, x: Int, y: Int, ratio: Double) throws {
        let image = try Fixtures.situationRoom.get().renderTile(TileCoordinate(z: z, x: x, y: y), pixelRatio: ratio)
        #expect(image.width == Int(256 * ratio))
        try Fixtures.golden(image, "tiles/situation-room-\(z)-\(x)-\(y)@\(Int(ratio))x.png")
    }

    @Test func reportStaticMapMatchesGolden() throws {
        let request = try StaticMapRequest(size: "800x500", scale: 1, bbox: "66,36,76,44", center: nil, zoom: nil)
        let options = StaticMapOptions(title: "Tajikistan and its neighbours", legend: true,
                                       attribution: Attribution.line(dataDirectory: Fixtures.data.path))
        let image = try Fixtures.report.get().renderStaticMap(request.viewport, options: options)
        #expect(image.width == 800 && image.height == 500)
        try Fixtures.golden(image, "static/report-tajikistan.png")
    }

    @Test func sameTileGivesSameBytesFromAnyThread() async throws {
        let renderer = try Fixtures.situationRoom.get()
        let tile = try TileCoordinate(z: 6, x: 44, y: 23)
        let reference = try renderer.renderTilePNG(tile)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 { group.addTask { try renderer.renderTilePNG(tile) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == reference })
    }

    /// Four tiles side by side equal one image of the same block: no seams, labels whole on
    /// both sides of a tile edge.
    @Test(arguments: [(6, 44, 23), (7, 88, 47)])
    func tilesHaveNoSeams(z: Int, x: Int, y: Int) throws {
        let renderer = try Fixtures.situationRoom.get()
        let block = try renderer.renderTileBlock(z: z, x: x, y: y, count: 2)
        var worst = 0, total = 0, worstAt = (0, 0)
        for dy in 0..<2 {
            for dx in 0..<2 {
                let tile = try renderer.renderTile(TileCoordinate(z: z, x: x + dx, y: y + dy))
                for row in 0..<256 {
                    for col in 0..<256 {
                        for c in 0..<4 {
                            let a = Int(tile.data[(row * 256 + col) * 4 + c])
                            let b = Int(block.data[((dy * 256 + row) * 512 + dx * 256 + col) * 4 + c])
                            if abs(a - b) > worst { worst = abs(a - b); worstAt = (dx * 256 + col, dy * 256 + row) }
                            total += abs(a - b)
                        }
                    }
                }
            }
        }
        let mean = Double(total) / Double(512 * 512 * 4)
        #expect(worst <= 3 && mean < 0.01, "max channel difference \(worst) at \(worstAt), mean \(mean)")
    }

    @Test func labelsAreConsistentAcrossNeighbouringTiles() throws {
        let renderer = try Fixtures.situationRoom.get()
        // Every label of z7 that crosses a tile edge is drawn by the tiles on both sides: the
        // placement is global, so a tile lists exactly the labels whose boxes touch it.
        let level = renderer.tileLabels(zoom: 7).labels
        #expect(level.count > 50, "placement found labels at z7")
        let crossing = level.filter { Int($0.box.minX / 256) != Int($0.box.maxX / 256) }
        #expect(!crossing.isEmpty)
        for label in crossing.prefix(20) {
            let left = try TileCoordinate(z: 7, x: Int(label.box.minX / 256), y: Int(label.box.minY / 256))
            let right = try TileCoordinate(z: 7, x: Int(label.box.maxX / 256), y: Int(label.box.minY / 256))
            #expect(renderer.labels(for: left).map(\.text).contains(label.text))
            #expect(renderer.labels(for: right).map(\.text).contains(label.text))
        }
    }

    @Test func legendListsStyleLayersWithData() throws {
        let labels = try Fixtures.report.get().legendEntries(zoom: 6).map(\.label)
        #expect(labels.contains("International boundary"))
        #expect(labels.contains("City or town"))
        #expect(labels.contains("Disputed or indefinite boundary"))
        #expect(labels.filter { $0 == "Disputed or indefinite boundary" }.count == 1)
        // The incident layers have no data source yet, so they stay out of the legend.
        #expect(!labels.contains("Incidents by category"))
    }

    @Test func matchedColoursGiveOneLegendRowPerValueUnderTheirGroup() throws {
        let renderer = try Fixtures.report.get()
        var supplied = SuppliedFeatures()
        let point = Feature(geometry: .point(Point(Coordinate(x: 69.2, y: 41.3))), properties: ["category": .string("seizure")])
        supplied.set([point], forSource: "incidents")
        supplied.set([point], forSource: "hotspots")
        supplied.setVisibility(true, forLayer: "hotspots")
        let rows = renderer.legendEntries(zoom: 8, supplied: supplied)
        let incidents = rows.filter { $0.group == "Incidents by category" }.map(\.label)
        #expect(incidents == ["seizure", "detention", "crossing attempt", "other"], "\(incidents)")
        let gi = rows.filter { $0.group == "Getis-Ord Gi* hot and cold spots (Gi_Bin)" }
        #expect(gi.map(\.label) == ["Hot spot, 99 % confidence", "Hot spot, 95 % confidence", "Hot spot, 90 % confidence",
                                    "Cold spot, 90 % confidence", "Cold spot, 95 % confidence", "Cold spot, 99 % confidence"],
                "the transparent fallback (not significant) has no row")
        // The 99 % hot spot swatch is the style's #b2182b at fill-opacity 0.6.
        guard case .swatch(let hot)? = gi.first?.symbol else { Issue.record("no swatch"); return }
        #expect(hot == Color(r: 0xb2, g: 0x18, b: 0x2b, a: UInt8((255 * 0.6).rounded())))
        // The web legend lists the same rows with their group in the label (hot spot cells are
        // hidden by the style, so only the incidents here).
        let web = renderer.legendItems(zoom: 8).map(\.label).filter { $0.hasPrefix("Incidents") }
        #expect(web == incidents.map { "Incidents by category: \($0)" }, "\(web)")
    }

    @Test func suppliedSourcesJoinTheLegendOnlyWithFeatures() throws {
        let renderer = try Fixtures.report.get()
        var supplied = SuppliedFeatures()
        supplied.set([], forSource: "journeys")
        supplied.set([], forSource: "routes")
        let empty = renderer.legendEntries(zoom: 6, supplied: supplied).map(\.label)
        #expect(!empty.contains("Plate journey") && !empty.contains("Route"), "\(empty)")
        let line = Feature(geometry: .lineString(LineString([Coordinate(x: 66.9, y: 39.6), Coordinate(x: 69.2, y: 41.3)])))
        supplied.set([line], forSource: "journeys")
        let drawn = renderer.legendEntries(zoom: 6, supplied: supplied).map(\.label)
        #expect(drawn.contains("Plate journey") && !drawn.contains("Route"), "\(drawn)")
    }

    @Test func attributionComesFromSourcesFile() {
        let line = Attribution.line(dataDirectory: Fixtures.data.path)
        #expect(line?.contains("GeoNames (CC BY 4.0)") == true)
        #expect(Attribution.line(dataDirectory: "/nonexistent") == nil)
    }

    @Test func missingShapefileNamesTheSourceAndPaths() throws {
        let json = #"{"version":8,"name":"t","sources":{"roads":{"type":"shapefile","path":"nowhere/roads.shp"}},"layers":[{"id":"r","type":"line","source":"roads"}]}"#
        let style = try Style.decode(Data(json.utf8)).style
        #expect {
            try MapRenderer(style: style, styleDirectory: URL(fileURLWithPath: "/tmp"), dataDirectory: nil)
        } throws: { error in
            "\(error)".contains("source 'roads'") && "\(error)".contains("/tmp/nowhere/roads.shp")
        }
    }
}

@Suite struct StaticMapRequestTests {
    @Test(arguments: [
        ("0x100", 1.0, "66,36,76,44", "size 0x100"),
        ("99999x100", 1.0, "66,36,76,44", "size 99999x100"),
        ("800", 1.0, "66,36,76,44", "WIDTHxHEIGHT"),
        ("800x500", 5.0, "66,36,76,44", "scale 5.0"),
        ("800x500", 1.0, "76,36,66,44", "bbox '76,36,66,44'"),
        ("800x500", 1.0, "66,36,76", "bbox '66,36,76'"),
        ("800x500", 1.0, "-200,0,10,10", "bbox '-200,0,10,10'"),
    ])
    func rejectsBadRequests(size: String, scale: Double, bbox: String, expected: String) {
        #expect {
            _ = try StaticMapRequest(size: size, scale: scale, bbox: bbox, center: nil, zoom: nil)
        } throws: { "\($0)".contains(expected) }
    }

    @Test func centreAndZoomGiveTheStandardResolution() throws {
        let r = try StaticMapRequest(size: "512x256", scale: 2, bbox: nil, center: "69.28,41.31", zoom: 7)
        #expect(r.viewport.width == 1024 && r.viewport.height == 512)
        // Web Mercator at z7: 1222.99 m per CSS pixel, halved at @2x.
        #expect(abs(r.viewport.metersPerPixel - WebMercator.resolution(zoom: 7) / 2) < 1e-6)
        #expect(throws: RenderError.self) { try StaticMapRequest(size: "10x10", scale: 1, bbox: nil, center: "69,95", zoom: 3) }
        #expect(throws: RenderError.self) { try StaticMapRequest(size: "10x10", scale: 1, bbox: nil, center: "69,41", zoom: 99) }
    }

    @Test func bboxIsWidenedToTheImageAspect() throws {
        let r = try StaticMapRequest(size: "1000x1000", scale: 1, bbox: "66,36,76,44", center: nil, zoom: nil)
        let v = r.viewport
        #expect(abs(v.bounds.width - v.bounds.height) < 1e-6)
        let sw = WebMercator.mercator(fromLonLat: Coordinate(66, 36)), ne = WebMercator.mercator(fromLonLat: Coordinate(76, 44))
        #expect(v.bounds.contains(BoundingBox(minX: sw.x, minY: sw.y, maxX: ne.x, maxY: ne.y)))
    }
}

@Suite struct GeometryPreparationTests {
    @Test func douglasPeuckerKeepsEndsAndFarPoints() {
        let line: [Double] = [0, 0, 1, 0.1, 2, -0.1, 3, 5, 4, 6, 5, 7]
        #expect(DouglasPeucker.simplify(line, tolerance: 0.5) == [0, 0, 2, -0.1, 3, 5, 5, 7])
        #expect(DouglasPeucker.simplify(line, tolerance: 100) == [0, 0, 5, 7])
    }

    @Test func ringClippingKeepsTheInsideArea() {
        // A 10 x 10 square clipped to [5, 20] x [0, 20] leaves half of it.
        let square: [Double] = [0, 0, 10, 0, 10, 10, 0, 10, 0, 0]
        let clipped = Clipping.clipRing(square, to: (5, 0, 20, 20))
        var area = 0.0
        let n = clipped.count / 2
        for i in 0..<n {
            let j = (i + 1) % n
            area += clipped[2 * i] * clipped[2 * j + 1] - clipped[2 * j] * clipped[2 * i + 1]
        }
        #expect(abs(abs(area) / 2 - 50) < 1e-9)
    }

    @Test func lineClippingSplitsAtTheEdges() {
        let zigzag: [Double] = [-5, 5, 5, 5, 15, 5, 15, 15, 5, 15]
        let pieces = Clipping.clipLine(zigzag, to: (0, 0, 10, 10))
        #expect(pieces == [[0, 5, 5, 5, 10, 5]])
        let reentering: [Double] = [-5, 5, 5, 5, 15, 5, 5, 8]
        #expect(Clipping.clipLine(reentering, to: (0, 0, 10, 10)).count == 2)
    }
}
