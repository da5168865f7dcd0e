/// Decodes a style document into a `Style`, collecting all errors and warnings.
struct StyleDecoder {
    var parser = ExpressionParser()
    var warnings = WarningCollector()
    var errors: [StyleDiagnostic] { parser.diagnostics }

    mutating func fail(_ path: String, _ message: String) { parser.fail(path, message) }

    /// Warns once per distinct key about an ignored member.
    mutating func unknownKey(_ key: String, at path: String, in section: String) {
        let member = path.isEmpty ? key : "\(path).\(key)"
        warnings.add(key: "\(section):\(key)", path: member, message: "unknown key \"\(key)\" ignored")
    }

    static func decode(_ bytes: [UInt8]) throws(StyleError) -> DecodedStyle {
        let json: StyleJSON
        do { json = try StyleJSONParser.parse(bytes) } catch { throw StyleError([error]) }
        var decoder = StyleDecoder()
        let style = decoder.decodeRoot(json, hash: fnv1a64(bytes))
        guard decoder.errors.isEmpty, let style else {
            throw StyleError(decoder.errors.isEmpty ? [StyleDiagnostic(path: "", message: "invalid style")] : decoder.errors)
        }
        return DecodedStyle(style: style, warnings: decoder.warnings.diagnostics)
    }

    mutating func decodeRoot(_ json: StyleJSON, hash: UInt64) -> Style? {
        guard case .object(let members) = json else {
            fail("", "expected a style object, found \(json.kindDescription)")
            return nil
        }
        for (key, _) in members where !["version", "name", "metadata", "sources", "layers"].contains(key) {
            unknownKey(key, at: "", in: "root")
        }
        switch json["version"] {
        case .number(8)?: break
        case nil: fail("version", "required; must be 8")
        case let v?: fail("version", "expected 8, found \(v.kindDescription)")
        }
        var name: String?
        switch json["name"] {
        case nil: break
        case .string(let s)?: name = s
        case let v?: fail("name", "expected string, found \(v.kindDescription)")
        }
        let metadata = json["metadata"]
        if let metadata, case .object = metadata {} else if let metadata {
            fail("metadata", "expected object, found \(metadata.kindDescription)")
        }
        let sources = decodeSources(json["sources"])
        let layers = decodeLayers(json["layers"], sources: sources)
        return Style(version: 8, name: name, metadata: metadata, sources: sources, layers: layers, contentHash: hash)
    }

    mutating func decodeLayers(_ json: StyleJSON?, sources: [String: StyleSource]) -> [StyleLayer] {
        guard let json else { fail("layers", "required"); return [] }
        guard case .array(let items) = json else { fail("layers", "expected array, found \(json.kindDescription)"); return [] }
        var layers: [StyleLayer] = []
        var firstIndex: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let path = "layers[\(i)]"
            if case .string(let id)? = item["id"] {
                if let first = firstIndex[id] {
                    fail("\(path).id", "duplicate layer id \"\(id)\" (first used by layers[\(first)])")
                } else {
                    firstIndex[id] = i
                }
            }
            if let layer = decodeLayer(item, path: path, sources: sources) { layers.append(layer) }
        }
        return layers
    }
}
