import Foundation
import Testing
@testable import Rasterizer

@Suite("Text font catalog")
struct TextFontCatalogTests {
    @Test("MapLibre text-font names resolve to the Debian font files", arguments: [
        ("DejaVu Sans", "/truetype/dejavu/DejaVuSans.ttf", "DejaVu Sans Book"),
        ("DejaVu Sans Book", "/truetype/dejavu/DejaVuSans.ttf", "DejaVu Sans Book"),
        ("DejaVu Sans Bold", "/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVu Sans Bold"),
        ("Noto Sans Regular", "/truetype/noto/NotoSans-Regular.ttf", "Noto Sans Regular"),
        ("noto sans bold", "/truetype/noto/NotoSans-Bold.ttf", "Noto Sans Bold"),
    ])
    func resolves(name: String, file: String, fullName: String) throws {
        let catalog = FontCatalog(directories: ["/usr/share/fonts"])
        let location = try catalog.locate(name)
        #expect(location.path == "/usr/share/fonts" + file)
        #expect(location.fullName == fullName)
    }

    @Test("A missing font names the font and every directory searched")
    func missingFont() throws {
        let catalog = FontCatalog(directories: ["/nonexistent/fonts", "/usr/share/fonts/truetype/dejavu"])
        do {
            _ = try catalog.locate("Open Sans Semibold")
            Issue.record("expected fontNotFound")
        } catch {
            guard case let .fontNotFound(name, searched, available) = error else { Issue.record("\(error)"); return }
            #expect(name == "Open Sans Semibold")
            #expect(searched == ["/nonexistent/fonts", "/usr/share/fonts/truetype/dejavu"])
            #expect(available.contains("DejaVu Sans Bold"))
            let text = error.description
            #expect(text.contains("Open Sans Semibold") && text.contains("/nonexistent/fonts") && text.contains("DejaVu Sans"))
        }
        let empty = FontCatalog(directories: ["/nonexistent/fonts"])
        #expect(throws: FontError.self) { _ = try FontLibrary(catalog: empty).fontStack(["DejaVu Sans"]) }
        #expect(throws: FontError.emptyFontStack) { _ = try FontLibrary(catalog: empty).fontStack([]) }
    }

    @Test("BORDERMAP_FONT_DIR is searched first")
    func environment() {
        let c = FontCatalog.standard(environment: ["BORDERMAP_FONT_DIR": "/opt/a:/opt/b", "HOME": "/home/u"])
        #expect(c.directories == ["/opt/a", "/opt/b", "/usr/share/fonts", "/usr/local/share/fonts",
                                  "/home/u/.local/share/fonts", "/home/u/.fonts"])
    }

    @Test("FreeType errors carry FreeType's message")
    func freeTypeError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bordermap-not-a-font-\(getpid()).ttf")
        try Data("this is not a font".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Font(location: FontLocation(fullName: "x", path: url.path, faceIndex: 0))
            Issue.record("expected an error")
        } catch {
            guard case let .freeType(function, code, message) = error else { Issue.record("\(error)"); return }
            #expect(function.hasPrefix("FT_New_Face"))
            #expect(code == 2)  // FT_Err_Unknown_File_Format
            #expect(message == "unknown file format")
        }
        do {
            _ = try Font(location: FontLocation(fullName: "x", path: "/nonexistent.ttf", faceIndex: 0))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("cannot open resource"))
        }
    }

    @Test("The library loads each face once")
    func cached() throws {
        let a = try TextFixtures.library.font(named: "DejaVu Sans")
        let b = try TextFixtures.library.font(named: "DejaVu Sans Book")
        #expect(a == b && a.face === b.face)
        #expect(a.unitsPerEm == 2048)
    }
}
