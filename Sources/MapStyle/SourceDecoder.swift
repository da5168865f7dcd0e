import GeoCore

extension StyleDecoder {
    mutating func decodeSources(_ json: StyleJSON?) -> [String: StyleSource] {
        guard let json else { fail("sources", "required"); return [:] }
        guard case .object(let members) = json else { fail("sources", "expected object, found \(json.kindDescription)"); return [:] }
        var sources: [String: StyleSource] = [:]
        for (id, value) in members {
            if let s = decodeSource(id: id, value, path: "sources.\(id)") { sources[id] = s }
        }
        return sources
    }

    /// Reads an optional string member; records an error when it is present with another type.
    mutating func optionalString(_ json: StyleJSON, _ key: String, _ path: String) -> String? {
        switch json[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let v?: fail("\(path).\(key)", "expected string, found \(v.kindDescription)"); return nil
        }
    }

    mutating func optionalLength(_ json: StyleJSON, _ key: String, _ path: String) -> Length? {
        guard let value = json[key], value != .null else { return nil }
        guard case .string(let text) = value, let length = Length(parsing: text), length.meters > 0 else {
            fail("\(path).\(key)", "expected a positive length with a unit (\"25km\", \"800m\"), found \(value.kindDescription)")
            return nil
        }
        return length
    }

    mutating func optionalDate(_ json: StyleJSON, _ key: String, _ path: String) -> CalendarDate? {
        guard let text = optionalString(json, key, path) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            fail("\(path).\(key)", "expected a date YYYY-MM-DD, found string \"\(text)\"")
            return nil
        }
        return date
    }

    mutating func decodeSource(id: String, _ json: StyleJSON, path: String) -> StyleSource? {
        guard case .object(let members) = json else { fail(path, "expected object, found \(json.kindDescription)"); return nil }
        for key in ["url", "tiles", "data", "urls"] where json[key] != nil {
            fail("\(path).\(key)", "network and inline sources are not allowed: styles read local data only (types: shapefile, geojson, incidents, density, hotspots, routes)")
        }
        guard case .string(let typeName)? = json["type"] else {
            fail("\(path).type", json["type"] == nil ? "required" : "expected string, found \(json["type"]?.kindDescription ?? "")")
            return nil
        }
        guard let kind = StyleSource.Kind(rawValue: typeName) else {
            fail("\(path).type", "source type \"\(typeName)\" is not supported; sources are local: shapefile, geojson, incidents, density, hotspots, routes")
            return nil
        }
        var allowed: Set<String> = ["type", "attribution"]
        switch kind {
        case .shapefile: allowed.formUnion(["path"])
        case .geojson: allowed.formUnion(["path"])
        case .incidents: allowed.formUnion(["filter", "from", "to", "cluster", "clusterRadius", "clusterMaxZoom", "clusterTileLimit"])
        case .routes: allowed.formUnion(["filter", "from", "to"])
        case .density: allowed.formUnion(["filter", "from", "to", "kernel", "radius", "cell", "weight", "scale"])
        case .hotspots: allowed.formUnion(["filter", "from", "to", "cell", "shape"])
        }
        for (key, _) in members where !allowed.contains(key) && !["url", "tiles", "data", "urls"].contains(key) {
            unknownKey(key, at: path, in: "source-\(kind.rawValue)")
        }
        let attribution = optionalString(json, "attribution", path)
        if kind == .shapefile {
            guard let p = optionalString(json, "path", path) else {
                if json["path"] == nil { fail("\(path).path", "required for a shapefile source") }
                return nil
            }
            if p.contains("://") {
                fail("\(path).path", "must be a local file path, found \"\(p)\"")
                return nil
            }
            guard p.lowercased().hasSuffix(".shp") else {
                fail("\(path).path", "expected a .shp file, found \"\(p)\"")
                return nil
            }
            return StyleSource(id: id, kind: .shapefile, path: p, attribution: attribution)
        }
        if kind == .geojson {
            guard let p = optionalString(json, "path", path) else {
                if json["path"] == nil { fail("\(path).path", "required for a geojson source (a file of the data folder)") }
                return nil
            }
            let lower = p.lowercased()
            guard !p.contains("://"), !p.hasPrefix("/"), !p.split(separator: "/").contains(".."),
                  lower.hasSuffix(".geojson") || lower.hasSuffix(".json") else {
                fail("\(path).path", "expected a .geojson file inside the data folder (relative, no ..), found \"\(p)\"")
                return nil
            }
            return StyleSource(id: id, kind: .geojson, path: p, attribution: attribution)
        }
        var filter: StyleExpression?
        if let f = json["filter"] { filter = parseFilter(f, path: "\(path).filter") }
        let from = optionalDate(json, "from", path), to = optionalDate(json, "to", path)
        var density: DensityOptions?
        var hotspots: HotspotOptions?
        if kind == .density { density = decodeDensity(json, path) }
        if kind == .hotspots {
            var options = HotspotOptions()
            options.cell = optionalLength(json, "cell", path)
            if let s = optionalString(json, "shape", path) {
                if let shape = HotspotOptions.Shape(rawValue: s) { options.shape = shape } else {
                    fail("\(path).shape", "expected \"fishnet\" or \"hexagon\", found string \"\(s)\"")
                }
            }
            hotspots = options
        }
        let cluster = kind == .incidents ? decodeCluster(json, path) : nil
        return StyleSource(id: id, kind: kind, filter: filter, from: from, to: to, density: density, hotspots: hotspots,
                           cluster: cluster, attribution: attribution)
    }

    /// `cluster` (boolean), `clusterRadius` (px, 1–512), `clusterMaxZoom` (0–24) and
    /// `clusterTileLimit` (incidents, 1–1,000,000) of an incidents source.
    mutating func decodeCluster(_ json: StyleJSON, _ path: String) -> ClusterOptions? {
        switch json["cluster"] {
        case nil, .bool(false)?:
            for key in ["clusterRadius", "clusterMaxZoom", "clusterTileLimit"] where json[key] != nil {
                fail("\(path).\(key)", "needs \"cluster\": true")
            }
            return nil
        case .bool(true)?: break
        case let v?:
            fail("\(path).cluster", "expected boolean, found \(v.kindDescription)")
            return nil
        }
        var options = ClusterOptions()
        switch json["clusterRadius"] {
        case nil: break
        case .number(let r)? where r >= 1 && r <= 512: options.radius = r
        case let v?: fail("\(path).clusterRadius", "expected a number of pixels from 1 to 512, found \(v.kindDescription)")
        }
        switch json["clusterMaxZoom"] {
        case nil: break
        case .number(let z)? where z >= 0 && z <= 24 && z == z.rounded(): options.maxZoom = Int(z)
        case let v?: fail("\(path).clusterMaxZoom", "expected a whole zoom from 0 to 24, found \(v.kindDescription)")
        }
        switch json["clusterTileLimit"] {
        case nil: break
        case .number(let n)? where n >= 1 && n <= 1_000_000 && n == n.rounded(): options.tileLimit = Int(n)
        case let v?: fail("\(path).clusterTileLimit", "expected a whole number of incidents from 1 to 1000000, found \(v.kindDescription)")
        }
        return options
    }

    mutating func decodeDensity(_ json: StyleJSON, _ path: String) -> DensityOptions {
        var options = DensityOptions()
        if let k = optionalString(json, "kernel", path) {
            if let kernel = DensityOptions.Kernel(rawValue: k) { options.kernel = kernel } else {
                let names = DensityOptions.Kernel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                fail("\(path).kernel", "expected one of \(names), found string \"\(k)\"")
            }
        }
        if json["radius"] == .string("auto") {
            options.radius = .auto
        } else if let r = optionalLength(json, "radius", path) {
            options.radius = .fixed(r)
        }
        options.cell = optionalLength(json, "cell", path)
        options.weight = optionalString(json, "weight", path)
        switch json["scale"] {
        case nil: break
        case .number(let n)? where n > 0: options.scale = n
        case let v?: fail("\(path).scale", "expected a positive number, found \(v.kindDescription)")
        }
        return options
    }

    /// Parses a filter: a boolean expression. Legacy filter syntax is rejected with a hint.
    mutating func parseFilter(_ json: StyleJSON, path: String) -> StyleExpression? {
        if let hint = Self.legacyFilterHint(json) {
            fail(path, "legacy filter syntax is not supported; \(hint)")
            return nil
        }
        return parser.parseProperty(json, expecting: .boolean, path: path)
    }

    /// A hint when `json` (or a branch of all/any/!) is a legacy filter such as `["==", "k", 1]`.
    static func legacyFilterHint(_ json: StyleJSON) -> String? {
        guard case .array(let items) = json, case .string(let op)? = items.first else { return nil }
        switch op {
        case "all", "any", "!":
            return items.dropFirst().lazy.compactMap(legacyFilterHint).first
        case "==", "!=", "<", "<=", ">", ">=":
            guard items.count == 3, case .string(let key) = items[1], !looksLikeArray(items[2]) else { return nil }
            return "write [\"\(op)\", [\"get\", \"\(key)\"], \(items[2])]"
        case "in", "!in", "!has", "none":
            return "use \"match\", \"!\" and \"any\" with [\"get\", …] expressions"
        default:
            return nil
        }
    }

    private static func looksLikeArray(_ json: StyleJSON) -> Bool {
        if case .array = json { return true }
        return false
    }
}
