import Foundation
import GeoCore
import GeoFormats
import GeoTopology

/// The readers under fuzzing. Each must either return a value or throw; a crash, a hang, a
/// sanitizer report or a huge allocation is a bug.
enum FuzzTarget: String, CaseIterable {
    case shapefile, dbf, wkb, geojson, csv

    func run(_ data: Data) {
        switch self {
        case .shapefile:
            // The same bytes serve as .shp without .shx, so the index rebuild is fuzzed too.
            guard let reader = try? ShapefileReader(shpData: data, name: "fuzz") else { return }
            var budget = 10_000
            while budget > 0 {
                budget -= 1
                do {
                    guard try reader.next() != nil else { break }
                } catch {
                    continue  // A corrupt record; the reader moves on to the next one.
                }
            }
        case .dbf:
            guard let reader = try? DBFReader(data: data, name: "fuzz.dbf") else { return }
            _ = try? reader.readAll()
        case .wkb:
            guard let geometry = try? Geometry(wkb: data) else { return }
            // Whatever parses must also write back and re-read.
            if let bytes = try? geometry.wkb() { _ = try? Geometry(wkb: bytes) }
        case .geojson:
            _ = try? GeoJSONReader.read(data, name: "fuzz")
        case .csv:
            // An incident table: delimiter sniffing, encodings, quoting, coordinates, dates.
            guard let reader = try? IncidentTableReader(data: data, name: "fuzz.csv") else { return }
            var budget = 100_000
            while budget > 0, let row = try? reader.next() {
                budget -= 1
                _ = row
            }
        }
    }

    /// The target named by the FUZZ_TARGET environment variable.
    static var fromEnvironment: FuzzTarget {
        let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set FUZZ_TARGET to one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }
}

#if FUZZING
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer's driver.
@_cdecl("bordermap_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var vector = argv
    return LLVMFuzzerRunDriver(&count, &vector, fuzzOneInput)
}

/// libFuzzer's entry point: `make fuzz` builds this with `-sanitize=fuzzer,address`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let target = selectedTarget ?? FuzzTarget.fromEnvironment
    selectedTarget = target
    target.run(Data(bytes: bytes, count: count))
    return 0
}
#else
/// Without the fuzzer: `bordermap-fuzz TARGET FILE...` replays inputs (a corpus or a crash).
@main
struct FuzzReplay {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: bordermap-fuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) FILE...")
            exit(2)
        }
        for path in args.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("cannot read \(path)")
                exit(1)
            }
            target.run(data)
            print("ok \(path)")
        }
    }
}
#endif
