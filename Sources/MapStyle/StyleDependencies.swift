/// Which parts of a style change when incidents change: tile caches key incident-dependent
/// tiles by the incident store's data version and basemap tiles without it, so a new incident
/// invalidates only what it can alter.
extension StyleSource.Kind {
    /// True for the kinds supplied per render (`incidents`, `density`, `hotspots` from the
    /// incident database; `routes` and `geojson` files of the data folder, which analyses
    /// rewrite); false for `shapefile`.
    public var isIncidentDerived: Bool { self != .shapefile }
}

extension Style {
    /// True when any visible layer draws from an incident-derived source (at any zoom).
    public var dependsOnIncidents: Bool {
        layers.contains { $0.isVisible && isIncidentDerived($0) }
    }

    /// True when a layer visible at `zoom` (its `minzoom`/`maxzoom` and `visibility`) draws from
    /// an incident-derived source: the tiles of other zoom levels are pure basemap.
    public func dependsOnIncidents(atZoom zoom: Double) -> Bool {
        layers.contains { $0.isVisible(atZoom: zoom) && isIncidentDerived($0) }
    }

    private func isIncidentDerived(_ layer: StyleLayer) -> Bool {
        source(for: layer)?.kind.isIncidentDerived ?? false
    }
}

extension Style {
    /// The feature properties the style reads from source `id`: the keys its filter and the
    /// filters and properties of the layers drawing it `get` or `has`. Nil when that cannot be
    /// told from the expressions (a symbol layer, whose text may name fields in `{token}`s):
    /// then every property must be read.
    public func propertyNames(readFrom id: String) -> Set<String>? {
        var names = sources[id]?.filter?.propertyNames ?? []
        for layer in layers where layer.source == id {
            if layer.type == .symbol { return nil }
            if let f = layer.filter { names.formUnion(f.propertyNames) }
            for p in layer.setProperties.values { names.formUnion(p.expression.propertyNames) }
        }
        return names
    }
}

extension Style {
    /// The font names the style's visible `symbol` layers may draw with: every string in their
    /// `text-font` values (literal arrays, and the outputs of expressions such as `step` or
    /// `match` that choose between arrays; a string compared in a condition is listed too,
    /// harmlessly), or the specification's default stack for a layer that sets none. Sorted,
    /// without repeats. Tile caches fold the files of these fonts into
    /// their keys, so installing or replacing a font gives new tiles.
    public var fontNames: [String] {
        var names = Set<String>()
        for layer in layers where layer.type == .symbol && layer.isVisible {
            names.formUnion(layer.property("text-font").expression.stringLiterals)
        }
        return names.sorted()
    }
}

extension StyleExpression {
    /// Every string constant inside the expression (arrays included), e.g. the font names of
    /// a `text-font` value. Property names of `get`/`has` are not constants and are not listed.
    var stringLiterals: Set<String> {
        var found = Set<String>()
        func collect(_ v: StyleValue) {
            switch v {
            case .string(let s): found.insert(s)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        func walk(_ e: StyleExpression) {
            if case .literal(let v) = e { collect(v) }
            e.children.forEach(walk)
        }
        walk(self)
        return found
    }
}
