import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import GeoTopology

/// The Swift side of Benchmarks/foundation.sh. Prints one JSON object: median seconds per task,
/// over `REPEATS` runs, on the inputs the peer script wrote.
///
/// usage: bordermap-bench foundation WORK_DIR SHAPEFILES_DIR REPEATS
/// (`bordermap-bench readme` runs the README's library example, so it is kept compiling.)
@main
struct FoundationBenchmarks {
    static func main() throws {
        let args = CommandLine.arguments
        if args.count == 2, args[1] == "readme" { return try readmeExample() }
        if args.count > 1, args[1] == "tiles" { return try TileBenchmark.run(Array(args.dropFirst())) }
        if args.count > 1, args[1] == "incidents" { return try IncidentQueryBenchmark.run(Array(args.dropFirst())) }
        if args.count > 1, args[1] == "gistar" { return try GiStarBenchmark.run(Array(args.dropFirst())) }
        if args.count > 1, args[1] == "kde" { return try KDEBenchmark.run(Array(args.dropFirst())) }
        if args.count > 1, args[1] == "heatmap" { return try HeatmapBenchmark.run(Array(args.dropFirst())) }
        if args.count > 1, args[1] == "routing" { return try RoutingBenchmark.run(Array(args.dropFirst())) }
        guard args.count == 5, args[1] == "foundation", let repeats = Int(args[4]), repeats > 0 else {
            print("usage: bordermap-bench foundation WORK_DIR SHAPEFILES_DIR REPEATS | bordermap-bench readme")
            exit(2)
        }
        let work = args[2], shapefiles = args[3]
        var (lon, lat) = try loadPoints("\(work)/points.f64")
        var result: [String: Any] = [:]

        let transformer = try Transformer(from: CRS(epsg: 4326), to: CRS(epsg: 32642))
        result["transform_1m_utm42n"] = try median(repeats) {
            var x = lon, y = lat
            try transformer.transform(x: &x, y: &y)
        }

        let kazakhstan = try countryGeometry("KAZ", shapefiles: shapefiles)
        let prepared = try PreparedGeometry(kazakhstan)
        var inside = 0
        result["pip_1m_kazakhstan_prepared"] = try median(repeats) {
            inside = 0
            for i in lon.indices where try prepared.contains(x: lon[i], y: lat[i]) { inside += 1 }
        }
        result["pip_inside_count"] = inside

        for layer in ["ca_populated_places", "ca_rivers_gshhg"] {
            result["read_\(layer)"] = try median(repeats) {
                _ = try ShapefileReader(path: "\(shapefiles)/\(layer).shp").readAll()
            }
        }
        lon = []; lat = []
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// Median wall-clock seconds of `repeats` runs of `body`.
    static func median(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        times.sort()
        return times.count % 2 == 1 ? times[times.count / 2] : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    }

    /// Little-endian float64: all longitudes, then all latitudes.
    static func loadPoints(_ path: String) throws -> ([Double], [Double]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let values = data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
        let n = values.count / 2
        return (Array(values[..<n]), Array(values[n...]))
    }

    static func countryGeometry(_ code: String, shapefiles: String) throws -> Geometry {
        let reader = try ShapefileReader(path: "\(shapefiles)/ca_admin0_countries.shp")
        while let f = try reader.next() {
            if f["ADM0_A3"] == .string(code), let g = f.geometry { return g }
        }
        throw FormatError(file: "ca_admin0_countries.shp", "no feature with ADM0_A3 = \(code)")
    }
}
