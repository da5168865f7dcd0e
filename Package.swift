// swift-tools-version: 6.1
import PackageDescription

// Module layout and dependency direction: shared/docs/DESIGN.md (beside this repository).
// Each C target is imported by exactly one Swift module.
let package = Package(
    name: "BorderMap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "bordermap", targets: ["bordermap"]),
        .library(name: "GeoCore", targets: ["GeoCore"]),
        .library(name: "GeoTopology", targets: ["GeoTopology"]),
        .library(name: "GeoProjection", targets: ["GeoProjection"]),
        .library(name: "GeoFormats", targets: ["GeoFormats"]),
        .library(name: "Rasterizer", targets: ["Rasterizer"]),
        .library(name: "PNGCodec", targets: ["PNGCodec"]),
        .library(name: "MapStyle", targets: ["MapStyle"]),
        .library(name: "MapRenderer", targets: ["MapRenderer"]),
        .library(name: "IncidentStore", targets: ["IncidentStore"]),
        .library(name: "TileServer", targets: ["TileServer"]),
        .library(name: "TileCache", targets: ["TileCache"]),
        .library(name: "HotspotAnalysis", targets: ["HotspotAnalysis"]),
        .library(name: "RouteAnalysis", targets: ["RouteAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.17.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
    ],
    targets: [
        // L0: C libraries
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2", providers: [.apt(["libfreetype-dev"])]),
        // libtiff + libgeotiff (libgeotiff ships no pkg-config file; its headers are under geotiff/).
        .systemLibrary(name: "CGeoTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev", "libgeotiff-dev"])]),
        // L0: pure Swift values; the rasteriser (no geography; FreeType for glyphs)
        .target(name: "GeoCore"),
        .target(name: "Rasterizer", dependencies: ["CFreeType"]),
        // L1
        .target(name: "GeoTopology", dependencies: ["GeoCore", "CGEOS"]),
        .target(name: "GeoProjection", dependencies: ["GeoCore", "CPROJ"]),
        .target(name: "GeoFormats", dependencies: ["GeoCore", "CGeoTIFF", "ZIPFoundation", "XMLCoder"]),
        .target(name: "PNGCodec", dependencies: ["Rasterizer", "CPNG"]),
        .target(name: "MapStyle", dependencies: ["GeoCore"]),
        // L2
        .target(
            name: "IncidentStore",
            dependencies: ["GeoCore", "GeoTopology", "GeoProjection", "GeoFormats", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift"),  // the C API, for SQLiteRecordBinding
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(
            name: "TileCache",
            dependencies: ["GeoCore", "GeoProjection", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Analysis: plain values in, grids / features / graphs out; never reads the store or draws.
        .target(name: "HotspotAnalysis", dependencies: ["GeoCore", "GeoTopology", "GeoProjection"]),
        .target(name: "RouteAnalysis", dependencies: ["GeoCore", "GeoTopology", "GeoProjection"]),
        .target(
            name: "MapRenderer",
            dependencies: ["GeoCore", "GeoTopology", "GeoProjection", "GeoFormats", "Rasterizer", "PNGCodec", "MapStyle"]
        ),
        // L3: the HTTP server (Hummingbird only here)
        .target(
            name: "TileServer",
            dependencies: [
                "GeoCore", "GeoProjection", "GeoFormats", "MapStyle", "MapRenderer", "Rasterizer", "PNGCodec", "IncidentStore",
                "TileCache", "HotspotAnalysis", "RouteAnalysis", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Viewer"), .copy("OpenAPI")]
        ),
        // L4
        .executableTarget(
            name: "bordermap",
            dependencies: [
                "GeoCore", "GeoTopology", "GeoProjection", "GeoFormats", "MapStyle", "MapRenderer", "PNGCodec", "IncidentStore",
                "TileCache", "TileServer", "HotspotAnalysis", "RouteAnalysis",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing driver: replays files normally; built with -DFUZZING -sanitize=fuzzer by `make fuzz`.
        .executableTarget(
            name: "bordermap-fuzz",
            dependencies: ["GeoCore", "GeoTopology", "GeoFormats"],
            path: "Fuzz/Sources"
        ),
        // Benchmarks: the Swift side of Benchmarks/*.sh side-by-side runs.
        .executableTarget(
            name: "bordermap-bench",
            dependencies: ["GeoCore", "GeoTopology", "GeoProjection", "GeoFormats", "MapRenderer", "PNGCodec", "IncidentStore",
                           "HotspotAnalysis", "RouteAnalysis", "MapStyle", "TileServer"],
            path: "Benchmarks/Sources"
        ),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore"]),
        .testTarget(name: "GeoTopologyTests", dependencies: ["GeoTopology", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GeoProjectionTests", dependencies: ["GeoProjection", "TestSupport"], resources: [.copy("Fixtures")]),
        // Shared by the test targets: golden images, running oracle tools, a seeded generator.
        .target(name: "TestSupport", dependencies: ["Rasterizer", "PNGCodec"], path: "Tests/TestSupport"),
        .testTarget(name: "RasterizerTests", dependencies: ["Rasterizer", "PNGCodec", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "PNGCodecTests", dependencies: ["PNGCodec", "TestSupport"]),
        .testTarget(name: "MapStyleTests", dependencies: ["MapStyle", "TestSupport"]),
        .testTarget(name: "MapRendererTests", dependencies: ["MapRenderer", "PNGCodec", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "IncidentStoreTests", dependencies: ["IncidentStore", "TestSupport"]),
        .testTarget(
            name: "TileServerTests",
            dependencies: ["TileServer", "PNGCodec", "TestSupport", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        .testTarget(name: "TileCacheTests", dependencies: ["TileCache", "GeoCore", "GeoProjection", "PNGCodec", "Rasterizer", "TestSupport"]),
        .testTarget(name: "bordermapTests", dependencies: ["bordermap", "TestSupport"]),
        .testTarget(name: "HotspotAnalysisTests", dependencies: ["HotspotAnalysis", "GeoProjection", "GeoTopology", "TestSupport"]),
        .testTarget(name: "RouteAnalysisTests", dependencies: ["RouteAnalysis", "GeoProjection", "GeoTopology", "GeoFormats", "TestSupport"]),
        .testTarget(name: "GeoFormatsTests", dependencies: ["GeoFormats", "TestSupport"], resources: [.copy("Fixtures")]),
    ]
)
