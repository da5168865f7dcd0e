import GeoCore

/// A data source of a style. All sources are local: a shapefile, or one of the analytical
/// layers that BorderMap computes from the incident database. No source fetches anything.
public struct StyleSource: Sendable, Hashable {
    /// The kinds of source.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `{"type": "shapefile", "path": "…"}`.
        case shapefile
        /// Incident points from the database.
        case incidents
        /// Kernel density surface of the incidents (a grid, drawn by `heatmap` or `raster` layers).
        case density
        /// Getis-Ord Gi* cells with `GiZScore`, `GiPValue`, `Gi_Bin`.
        case hotspots
        /// Computed routes (lines): the data folder's `routes.geojson`.
        case routes
        /// A GeoJSON file of the data folder, read again when it changes:
        /// `{"type": "geojson", "path": "journeys.geojson"}` (plate journeys, convoys, least-cost
        /// paths or reach areas written there by the commands).
        case geojson
    }

    /// The source id (its key in `sources`).
    public let id: String
    /// What kind of data it is.
    public let kind: Kind
    /// Shapefile path exactly as written (`.shp`), relative paths to be resolved by the caller
    /// against the styles directory first, then the data directory; for a `geojson` source the
    /// file name relative to the data directory. Nil for other kinds.
    public let path: String?
    /// For analytical sources: boolean expression over incident properties choosing the
    /// incidents used (e.g. `["==", ["get", "category"], "seizure"]`); nil takes all.
    public let filter: StyleExpression?
    /// Incidents on or after this date (`from`, ISO 8601 `YYYY-MM-DD`); nil is unbounded.
    public let from: CalendarDate?
    /// Incidents on or before this date (`to`); nil is unbounded.
    public let to: CalendarDate?
    /// Options of a `density` source; nil for other kinds.
    public let density: DensityOptions?
    /// Options of a `hotspots` source; nil for other kinds.
    public let hotspots: HotspotOptions?
    /// Clustering of an `incidents` source (`"cluster": true`); nil draws every incident.
    public let cluster: ClusterOptions?
    /// Attribution text to credit on static maps, if given.
    public let attribution: String?

    init(id: String, kind: Kind, path: String? = nil, filter: StyleExpression? = nil, from: CalendarDate? = nil,
         to: CalendarDate? = nil, density: DensityOptions? = nil, hotspots: HotspotOptions? = nil, cluster: ClusterOptions? = nil,
         attribution: String? = nil) {
        self.id = id
        self.kind = kind
        self.path = path
        self.filter = filter
        self.from = from
        self.to = to
        self.density = density
        self.hotspots = hotspots
        self.cluster = cluster
        self.attribution = attribution
    }
}

/// How a `density` source computes its kernel density surface and maps it to `heatmap-density`.
public struct DensityOptions: Sendable, Hashable {
    /// Kernel function; default quartic (as ArcGIS Kernel Density).
    public enum Kernel: String, Sendable, Hashable, CaseIterable {
        case quartic, gaussian, epanechnikov, triweight, triangular, uniform
    }
    /// Bandwidth: a fixed length, or `auto` (chosen by the analysis module's bandwidth rule).
    public enum Radius: Sendable, Hashable {
        case auto
        case fixed(Length)
    }

    /// Kernel function; default `.quartic`.
    public var kernel: Kernel = .quartic
    /// Search radius (bandwidth); default `.auto`.
    public var radius: Radius = .auto
    /// Output cell size; nil lets the renderer choose from the zoom.
    public var cell: Length?
    /// Incident property used as weight (e.g. `quantity_kg`); nil counts each incident once.
    public var weight: String?
    /// Density value (incidents, or weight units, per km²) shown as `heatmap-density` 1: one
    /// fixed scale for the whole map, never normalised per tile. Nil: not yet chosen (the
    /// renderer must then use a documented fixed default).
    public var scale: Double?

    /// Options; the defaults are a quartic kernel, an automatic radius, a cell chosen by the
    /// renderer, no weight and no stated scale.
    public init(kernel: Kernel = .quartic, radius: Radius = .auto, cell: Length? = nil, weight: String? = nil, scale: Double? = nil) {
        self.kernel = kernel
        self.radius = radius
        self.cell = cell
        self.weight = weight
        self.scale = scale
    }
}

/// How a `hotspots` source builds its analysis grid.
public struct HotspotOptions: Sendable, Hashable {
    /// Cell shape of the analysis grid.
    public enum Shape: String, Sendable, Hashable, CaseIterable { case fishnet, hexagon }

    /// Cell size; nil lets the analysis choose.
    public var cell: Length?
    /// Cell shape; default `.hexagon`.
    public var shape: Shape = .hexagon

    /// Options; the defaults are hexagons of a size the analysis chooses.
    public init(cell: Length? = nil, shape: Shape = .hexagon) {
        self.cell = cell
        self.shape = shape
    }
}

/// How an `incidents` source with `"cluster": true` aggregates incidents at low zooms, as
/// MapLibre's GeoJSON sources do: at zooms up to `maxZoom` incidents closer than about `radius`
/// screen pixels draw as one cluster point with `point_count`, `point_count_abbreviated` and
/// `cluster` properties; above it, every incident draws, except in a tile crowded past
/// `tileLimit` (BorderMap's own rule, so that a tile's work stays bounded whatever the store
/// holds), which draws the clusters of its zoom.
public struct ClusterOptions: Sendable, Hashable {
    /// Cluster size in CSS pixels (`clusterRadius`); default 50, as MapLibre.
    public var radius: Double = 50
    /// Highest zoom that clusters (`clusterMaxZoom`); default 9, where a Central Asian province
    /// fills the screen (MapLibre's default, one below the source's maxzoom, would cluster
    /// nearly to street level).
    public var maxZoom: Int = 9
    /// Most incidents a 256 × 256 CSS-pixel tile draws one by one above `maxZoom`
    /// (`clusterTileLimit`, default 2,000; a render of another size scales it by its area); a
    /// tile holding more draws the clusters of its zoom instead.
    public var tileLimit: Int = 2000

    /// Options; the defaults are a 50 px radius up to zoom 9 and 2,000 incidents a tile above.
    public init(radius: Double = 50, maxZoom: Int = 9, tileLimit: Int = 2000) {
        self.radius = radius
        self.maxZoom = maxZoom
        self.tileLimit = tileLimit
    }
}
