import Foundation
import Testing
import TestSupport
@testable import MapStyle

/// Every style shipped in Styles/ decodes without errors or warnings, and its shapefile
/// sources and the attributes it reads exist (checked with GDAL's ogrinfo, an independent reader).
@Suite struct StyleFilesTests {
    static let stylesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Styles")

    static var styleFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: stylesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { stylesDirectory.appendingPathComponent($0) }
    }

    @Test func stylesFolderHasTheTwoStyles() {
        let names = Self.styleFiles.map(\.lastPathComponent)
        #expect(names.contains("situation-room.json"), "\(names)")
        #expect(names.contains("report.json"), "\(names)")
    }

    @Test(arguments: styleFiles)
    func decodesWithoutErrorsOrWarnings(_ url: URL) throws {
        let decoded = try Style.load(contentsOf: url)
        #expect(decoded.warnings.isEmpty, "\(decoded.warnings)")
        let style = decoded.style
        #expect(style.version == 8)
        #expect(!style.layers.isEmpty)
        for kind in StyleSource.Kind.allCases {
            #expect(style.sources.values.contains { $0.kind == kind }, "no \(kind) source in \(url.lastPathComponent)")
        }
        let types = Set(style.layers.map(\.type))
        #expect(types.isSuperset(of: [.background, .fill, .line, .circle, .symbol, .heatmap]))
        #expect(style.layers.contains { $0.type == .circle && style.source(for: $0)?.kind == .incidents })
        #expect(style.layers.contains { $0.type == .heatmap && style.source(for: $0)?.kind == .density })
        #expect(style.layers.contains { $0.type == .fill && style.source(for: $0)?.kind == .hotspots })
        #expect(style.layers.contains { $0.type == .line && style.source(for: $0)?.kind == .routes })
    }

    /// Field names of a shapefile as ogrinfo reports them.
    static func ogrFields(_ path: String) throws -> Set<String>? {
        guard let r = try? Tool.run(["ogrinfo", "-so", "-al", path]), r.status == 0 else { return nil }
        let data = r.stdout
        var fields: Set<String> = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, !parts[0].contains(" "), parts[1].contains("(") { fields.insert(String(parts[0])) }
        }
        return fields
    }

    static func propertyNames(_ e: StyleExpression) -> Set<String> {
        var names: Set<String> = []
        if case .get(let n) = e { names.insert(n) }
        if case .has(let n) = e { names.insert(n) }
        for child in e.children { names.formUnion(propertyNames(child)) }
        return names
    }

    @Test(arguments: styleFiles)
    func shapefileSourcesAndFieldsExist(_ url: URL) throws {
        let style = try Style.load(contentsOf: url).style
        for layer in style.layers {
            guard let source = style.source(for: layer), source.kind == .shapefile, let path = source.path else { continue }
            let file = Self.stylesDirectory.appendingPathComponent(path).standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: file), "\(layer.id): \(file)")
            guard let fields = try Self.ogrFields(file) else {
                Issue.record("ogrinfo could not read \(file) (is GDAL installed? run make setup)")
                continue
            }
            var used = layer.filter.map(Self.propertyNames) ?? []
            for name in layer.setPropertyNames { used.formUnion(Self.propertyNames(layer.property(name).expression)) }
            #expect(used.isSubset(of: fields), "layer \(layer.id) reads \(used.subtracting(fields)) not in \(path)")
        }
    }
}
