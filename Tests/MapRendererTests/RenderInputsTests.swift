import Foundation
import MapStyle
import Rasterizer
import TestSupport
import Testing
@testable import MapRenderer

/// The fingerprint tile caches key tiles by: it follows the style's data files, its fonts and
/// the renderer version, and nothing else.
@Suite struct RenderInputsTests {
    /// A folder with `data/pts.*` (a copy of the repository's border crossings shapefile),
    /// `fonts/DejaVuSans.ttf` (a copy of the system's DejaVu Sans Book) and a style labelling
    /// the points in `fontName`.
    struct Folder {
        let root: URL, data: URL, fonts: URL, fontFile: URL
        let library: FontLibrary

        init() throws {
            root = try Tool.temporaryDirectory("bordermap-inputs")
            data = root.appendingPathComponent("data")
            fonts = root.appendingPathComponent("fonts")
            for d in [data, fonts] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
            for part in ["shp", "shx", "dbf", "prj", "cpg"] {
                try Data(contentsOf: Fixtures.data.appendingPathComponent("ca_border_crossings_derived.\(part)"))
                    .write(to: data.appendingPathComponent("pts.\(part)"))
            }
            let system = try FontCatalog.standard().locate("DejaVu Sans Book")
            fontFile = fonts.appendingPathComponent("DejaVuSans.ttf")
            try Data(contentsOf: URL(fileURLWithPath: system.path)).write(to: fontFile)
            library = FontLibrary(catalog: FontCatalog(directories: [fonts.path]))
        }

        func style(font: String) throws -> Style {
            try Style.decode(Data("""
                {"version": 8, "sources": {"pts": {"type": "shapefile", "path": "pts.shp"}},
                 "layers": [{"id": "l", "type": "symbol", "source": "pts",
                             "layout": {"text-field": ["get", "name"], "text-font": ["\(font)"]}}]}
                """.utf8)).style
        }

        func inputs(font: String = "DejaVu Sans Book") throws -> RenderInputs {
            MapRenderer.inputs(of: try style(font: font), styleDirectory: root, dataDirectory: data, fonts: library)
        }

        /// Sets the modification time of `url` to `seconds` after 2020-01-01 (no waiting on clocks).
        func touch(_ url: URL, _ seconds: Double) throws {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_577_836_800 + seconds)],
                                                  ofItemAtPath: url.path)
        }
    }

    @Test func inputsListTheShapefilePartsAndTheFontFiles() throws {
        let folder = try Folder()
        let inputs = try folder.inputs()
        for part in ["shp", "shx", "dbf", "prj", "cpg"] {
            #expect(inputs.dataFiles.contains(folder.data.appendingPathComponent("pts.\(part)").path), "\(part)")
        }
        #expect(inputs.fontFiles == [folder.fontFile.path])
        #expect(inputs.missingFonts.isEmpty)
        #expect(inputs.styleHash == (try folder.style(font: "DejaVu Sans Book")).contentHash)
        let missing = try folder.inputs(font: "No Such Font Regular")
        #expect(missing.fontFiles.isEmpty && missing.missingFonts == ["No Such Font Regular"])
    }

    @Test func theFingerprintFollowsDataFilesFontsAndTheRendererVersion() throws {
        let folder = try Folder()
        let inputs = try folder.inputs()
        for url in [folder.fontFile] + ["shp", "shx", "dbf", "prj", "cpg"].map({ folder.data.appendingPathComponent("pts.\($0)") }) {
            try folder.touch(url, 0)
        }
        let first = inputs.fingerprint()
        #expect(inputs.fingerprint() == first, "nothing changed")
        #expect(inputs.fingerprint(version: MapRenderer.version) == first)
        #expect(inputs.fingerprint(version: MapRenderer.version + 1) != first, "a new renderer version")

        // An edited attribute table (same size, new time).
        try folder.touch(folder.data.appendingPathComponent("pts.dbf"), 60)
        let dbf = inputs.fingerprint()
        #expect(dbf != first)
        // A replaced font file.
        try folder.touch(folder.fontFile, 60)
        let font = inputs.fingerprint()
        #expect(font != dbf && font != first)
        // A .prj that appears or disappears changes what is drawn, so the fingerprint too.
        try FileManager.default.removeItem(at: folder.data.appendingPathComponent("pts.prj"))
        #expect(inputs.fingerprint() != font)
        // A style whose font is missing differs from the same style with the font found.
        #expect(try folder.inputs(font: "No Such Font Regular").fingerprint() != inputs.fingerprint())
        // Stamps taken earlier give the fingerprint of what was read then.
        let earlier = inputs.stamps()
        try folder.touch(folder.data.appendingPathComponent("pts.shp"), 120)
        #expect(inputs.fingerprint(stamps: earlier) != inputs.fingerprint())
    }

    /// The documented form: FNV-1a 64 of the text "bordermap-renderer V\nstyle H\n" plus a line
    /// per file and per missing font.
    @Test func theFingerprintIsTheFNVHashOfItsDocumentedText() {
        let inputs = RenderInputs(styleHash: 42, dataFiles: [], missingFonts: ["X"])
        #expect(inputs.fingerprint(version: 7) == fnv1a64(Array("bordermap-renderer 7\nstyle 42\nmissing-font X\n".utf8)))
    }
}
