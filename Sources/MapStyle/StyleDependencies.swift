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
