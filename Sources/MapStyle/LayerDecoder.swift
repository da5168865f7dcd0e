extension StyleDecoder {
    static let layerKeys: Set<String> = ["id", "type", "source", "minzoom", "maxzoom", "filter", "layout", "paint", "metadata"]

    mutating func decodeLayer(_ json: StyleJSON, path: String, sources: [String: StyleSource]) -> StyleLayer? {
        guard case .object(let members) = json else { fail(path, "expected layer object, found \(json.kindDescription)"); return nil }
        for (key, _) in members where !Self.layerKeys.contains(key) {
            if key == "source-layer" {
                warnings.add(key: "layer:source-layer", path: "\(path).source-layer",
                             message: "\"source-layer\" ignored (each local source has one layer)")
            } else {
                unknownKey(key, at: path, in: "layer")
            }
        }
        var id: String?
        switch json["id"] {
        case .string(let s)? where !s.isEmpty: id = s
        case nil: fail("\(path).id", "required")
        case let v?: fail("\(path).id", "expected a non-empty string, found \(v.kindDescription)")
        }
        var type: LayerType?
        switch json["type"] {
        case .string(let s)?:
            type = LayerType(rawValue: s)
            if type == nil {
                let names = LayerType.allCases.map(\.rawValue).joined(separator: ", ")
                fail("\(path).type", "layer type \"\(s)\" is not supported (supported: \(names))")
            }
        case nil: fail("\(path).type", "required")
        case let v?: fail("\(path).type", "expected string, found \(v.kindDescription)")
        }
        let source = decodeLayerSource(json, type: type, path: path, sources: sources)
        let minZoom = zoomValue(json["minzoom"], default: 0, path: "\(path).minzoom")
        let maxZoom = zoomValue(json["maxzoom"], default: 24, path: "\(path).maxzoom")
        if minZoom > maxZoom { fail("\(path).maxzoom", "maxzoom \(StyleJSON.format(maxZoom)) is below minzoom \(StyleJSON.format(minZoom))") }
        var filter: StyleExpression?
        if let f = json["filter"] {
            if type == .background { warnings.add(key: "layer:background-filter", path: "\(path).filter", message: "filter ignored on a background layer") }
            filter = parseFilter(f, path: "\(path).filter")
        }
        var properties: [String: StyleProperty] = [:]
        if let type {
            decodeProperties(json["paint"], layout: false, type: type, path: "\(path).paint", into: &properties)
            decodeProperties(json["layout"], layout: true, type: type, path: "\(path).layout", into: &properties)
        }
        guard let id, let type else { return nil }
        return StyleLayer(id: id, type: type, source: source, minZoom: minZoom, maxZoom: maxZoom,
                          filter: filter, properties: properties, metadata: json["metadata"])
    }

    mutating func decodeLayerSource(_ json: StyleJSON, type: LayerType?, path: String, sources: [String: StyleSource]) -> String? {
        guard let type else { return nil }
        guard type.needsSource else {
            if json["source"] != nil { warnings.add(key: "layer:background-source", path: "\(path).source", message: "source ignored on a background layer") }
            return nil
        }
        switch json["source"] {
        case nil:
            fail("\(path).source", "required for a \(type.rawValue) layer")
        case .string(let s)?:
            guard let source = sources[s] else {
                fail("\(path).source", "source \"\(s)\" is not defined in sources")
                return nil
            }
            if type == .raster, source.kind != .density {
                fail("\(path).source", "a raster layer needs a density source, \"\(s)\" is a \(source.kind.rawValue) source")
            }
            return s
        case let v?:
            fail("\(path).source", "expected string, found \(v.kindDescription)")
        }
        return nil
    }

    mutating func zoomValue(_ json: StyleJSON?, default value: Double, path: String) -> Double {
        guard let json else { return value }
        guard case .number(let z) = json, (0...24).contains(z) else {
            fail(path, "expected a number 0-24, found \(json.kindDescription)")
            return value
        }
        return z
    }

    mutating func decodeProperties(_ json: StyleJSON?, layout: Bool, type: LayerType, path: String,
                                   into properties: inout [String: StyleProperty]) {
        guard let json else { return }
        guard case .object(let members) = json else { fail(path, "expected object, found \(json.kindDescription)"); return }
        let section = layout ? "layout" : "paint"
        for (name, value) in members {
            let propertyPath = "\(path).\(name)"
            guard let spec = PropertySpec.table[type]?[name] else {
                let message: String
                if name.hasPrefix("icon-") {
                    message = "\"\(name)\" not supported (no sprites): draw markers with a circle layer; ignored"
                } else if PropertySpec.table.values.contains(where: { $0[name] != nil }) {
                    message = "\"\(name)\" is not a \(type.rawValue) layer property; ignored"
                } else {
                    message = "unknown \(section) property \"\(name)\" ignored"
                }
                warnings.add(key: "\(section):\(type.rawValue):\(name)", path: propertyPath, message: message)
                continue
            }
            guard spec.isLayout == layout else {
                warnings.add(key: "\(section):\(type.rawValue):\(name)", path: propertyPath,
                             message: "\"\(name)\" is a \(spec.isLayout ? "layout" : "paint") property, not \(section); ignored")
                continue
            }
            if let expression = parser.parseProperty(value, expecting: spec.type, path: propertyPath) {
                properties[name] = StyleProperty(name: name, type: spec.type, expression: expression, defaultValue: spec.defaultValue)
            }
        }
    }
}
