import CPROJ
import Dispatch
import Foundation
import GeoCore

/// Transforms coordinates from one CRS to another with PROJ, always in longitude/latitude order
/// (x = east) for geographic CRSs, whatever the CRS's official axis order
/// (`proj_normalize_for_visualization`).
///
/// Not thread-safe and not `Sendable`: it owns a PROJ operation bound to a PROJ context of its
/// own. Make one per task from a `Sendable` `TransformerRecipe`. The context is dedicated rather
/// than the thread's shared one because a Swift task may resume on another thread after an
/// `await`; a private context keeps PROJ's "one thread per context at a time" rule true wherever
/// the task runs.
///
/// Large batches (over 200,000 points on a machine with two or more cores) are split across
/// threads, each with a clone of the operation in a PROJ context of its own.
///
/// Failing points: every transform call transforms the whole batch with `proj_trans_generic`,
/// then throws `ProjectionError.transformFailed` naming the first point whose result is not
/// finite (PROJ writes `HUGE_VAL` for points outside the operation's domain; non-finite input
/// also fails). The arrays then hold the successful results and non-finite values for the
/// failures. `transformReportingFailures` does the same without throwing.
public final class Transformer: CoordinateTransforming {
    /// Direction of a transform call.
    public enum Direction: Sendable {
        /// Source CRS to target CRS.
        case forward
        /// Target CRS back to source CRS.
        case inverse
    }

    /// The CRS coordinates are transformed from (by `.forward`).
    public let source: CRS
    /// The CRS coordinates are transformed to (by `.forward`).
    public let target: CRS
    private let operation: PJHandle

    /// Builds the best operation PROJ knows between the two CRSs (`proj_create_crs_to_crs`).
    /// - Throws: `ProjectionError.noTransformation` with PROJ's message, `.databaseNotFound`.
    public init(from source: CRS, to target: CRS) throws {
        self.source = source
        self.target = target
        let context = try ProjContext()
        let sourcePJ = try CRS.makePJ(source.definition, context: context)
        let targetPJ = try CRS.makePJ(target.definition, context: context)
        context.clearError()
        // proj_create_crs_to_crs_from_pj: NULL when no operation exists.
        guard let raw = proj_create_crs_to_crs_from_pj(context.handle, sourcePJ.pointer, targetPJ.pointer, nil, nil) else {
            throw ProjectionError.noTransformation(source: source.description, target: target.description,
                                                   message: context.takeErrorMessage(default: "PROJ found no operation"))
        }
        let rawHandle = PJHandle(raw, context: context)
        // proj_normalize_for_visualization: a new object (x = east), NULL on failure.
        guard let normalized = proj_normalize_for_visualization(context.handle, rawHandle.pointer) else {
            throw ProjectionError.noTransformation(source: source.description, target: target.description,
                                                   message: context.takeErrorMessage(default: "cannot normalise axis order"))
        }
        operation = PJHandle(normalized, context: context)
    }

    /// A description of the chosen operation (PROJ's name for it).
    public var operationName: String {
        proj_get_name(operation.pointer).map { String(cString: $0) } ?? ""
    }

    /// Transforms `x` and `y` in place, all points in one PROJ call.
    /// - Parameters:
    ///   - x: longitudes (degrees) or eastings (CRS units).
    ///   - y: latitudes or northings; must have `x.count` values.
    ///   - direction: `.forward` (default) or `.inverse`.
    /// - Throws: `ProjectionError.lengthMismatch`; `.transformFailed` with the index of the first
    ///   failing point (see the type's documentation for the state of the arrays).
    public func transform(x: inout [Double], y: inout [Double], direction: Direction = .forward) throws {
        var noZ: [Double]? = nil
        let failures = try transformReportingFailures(x: &x, y: &y, z: &noZ, direction: direction, stopAtFirst: true)
        if let first = failures.first {
            throw ProjectionError.transformFailed(index: first.index, x: first.x, y: first.y, message: first.message)
        }
    }

    /// Transforms coordinates in place (`CoordinateTransforming`), keeping `z` where present
    /// (transformed too, for 3-D operations) and `m` unchanged.
    /// - Throws: `ProjectionError.transformFailed` with the index of the first failing point.
    public func transform(_ coordinates: inout [Coordinate]) throws {
        try transform(&coordinates, direction: .forward)
    }

    /// Transforms coordinates in place in the given direction; see `transform(_:)`.
    public func transform(_ coordinates: inout [Coordinate], direction: Direction) throws {
        var xs = coordinates.map(\.x)
        var ys = coordinates.map(\.y)
        let hasZ = coordinates.contains { $0.z != nil }
        var zs: [Double]? = hasZ ? coordinates.map { $0.z ?? 0 } : nil
        let failures = try transformReportingFailures(x: &xs, y: &ys, z: &zs, direction: direction, stopAtFirst: true)
        for i in coordinates.indices {
            coordinates[i].x = xs[i]
            coordinates[i].y = ys[i]
            if let zs, coordinates[i].z != nil { coordinates[i].z = zs[i] }
        }
        if let first = failures.first {
            throw ProjectionError.transformFailed(index: first.index, x: first.x, y: first.y, message: first.message)
        }
    }

    /// Transforms one coordinate.
    /// - Throws: `ProjectionError.transformFailed` (index 0) when it cannot be transformed.
    public func transform(_ coordinate: Coordinate, direction: Direction = .forward) throws -> Coordinate {
        var one = [coordinate]
        try transform(&one, direction: direction)
        return one[0]
    }

    /// The smallest box in the other CRS holding the transformed box, found by transforming
    /// `densifyPoints` extra points along each edge (`proj_trans_bounds`), so the curved edges of
    /// projected boxes are covered. Output crossing the antimeridian (PROJ's minX > maxX) is not
    /// supported: `BoundingBox` reorders the edges.
    /// - Parameters:
    ///   - box: in the source CRS (or the target CRS for `.inverse`).
    ///   - densifyPoints: points added per edge; 21 is PROJ's recommendation.
    /// - Throws: `ProjectionError.transformFailed` (index 0) when PROJ cannot transform the box.
    public func transformBounds(_ box: BoundingBox, direction: Direction = .forward,
                                densifyPoints: Int = 21) throws -> BoundingBox {
        let context = operation.context
        context.clearError()
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        // proj_trans_bounds: 1 on success, 0 on failure.
        let ok = proj_trans_bounds(context.handle, operation.pointer, direction == .forward ? PJ_FWD : PJ_INV,
                                   box.minX, box.minY, box.maxX, box.maxY, &minX, &minY, &maxX, &maxY,
                                   Int32(clamping: densifyPoints))
        guard ok == 1, minX.isFinite, minY.isFinite, maxX.isFinite, maxY.isFinite else {
            let message = context.takeErrorMessage(default: "box \(box) cannot be transformed")
            proj_errno_reset(operation.pointer)
            throw ProjectionError.transformFailed(index: 0, x: box.minX, y: box.minY, message: message)
        }
        return BoundingBox(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    /// Transforms `x` and `y` in place and returns every failing point instead of throwing;
    /// failed points hold non-finite values afterwards.
    /// - Throws: `ProjectionError.lengthMismatch` only.
    public func transformReportingFailures(x: inout [Double], y: inout [Double],
                                           direction: Direction = .forward) throws -> [TransformFailure] {
        var noZ: [Double]? = nil
        return try transformReportingFailures(x: &x, y: &y, z: &noZ, direction: direction, stopAtFirst: false)
    }

    private func transformReportingFailures(x: inout [Double], y: inout [Double], z: inout [Double]?,
                                            direction: Direction, stopAtFirst: Bool) throws -> [TransformFailure] {
        guard x.count == y.count else { throw ProjectionError.lengthMismatch(x: x.count, y: y.count) }
        if let z, z.count != x.count { throw ProjectionError.lengthMismatch(x: x.count, y: z.count) }
        let count = x.count
        guard count > 0 else { return [] }
        let parts = min(Self.maxThreads, count / Self.pointsPerThread)
        let handles = parts > 1 ? try workerHandles(parts) : [operation]
        let dir = direction == .forward ? PJ_FWD : PJ_INV
        var zValues = z ?? []
        var failuresByPart = [[TransformFailure]](repeating: [], count: handles.count)
        x.withUnsafeMutableBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                zValues.withUnsafeMutableBufferPointer { zb in
                    let buffers = CoordinateBuffers(x: xb, y: yb, z: zb.isEmpty ? nil : zb)
                    if handles.count == 1 {
                        failuresByPart[0] = Self.run(handles[0], dir, buffers, 0..<count, stopAtFirst: stopAtFirst)
                    } else {
                        failuresByPart.withUnsafeMutableBufferPointer { results in
                            let work = ParallelWork(handles: handles, results: results)
                            // Each part has its own PJ clone in its own context: PROJ's threading rule.
                            DispatchQueue.concurrentPerform(iterations: handles.count) { k in
                                let range = (count * k / work.handles.count)..<(count * (k + 1) / work.handles.count)
                                work.results[k] = Self.run(work.handles[k], dir, buffers, range, stopAtFirst: stopAtFirst)
                            }
                        }
                    }
                }
            }
        }
        if z != nil { z = zValues }
        let failures = failuresByPart.joined()
        return stopAtFirst ? Array(failures.prefix(1)) : Array(failures)
    }

    /// Points per thread below which a batch stays on the calling thread; above it, each
    /// further share of this size gets a thread of its own, up to `maxThreads`.
    static let pointsPerThread = 100_000
    static let maxThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Points transformed per `proj_trans_generic` call, so the copy of the inputs kept for
    /// error messages stays in cache.
    static let chunk = 8_192

    private var clones: [PJHandle] = []

    /// The operation plus clones of it, each in a context of its own, `count` in all.
    private func workerHandles(_ count: Int) throws -> [PJHandle] {
        while clones.count < count - 1 {
            let context = try ProjContext()
            // proj_clone: a copy bound to `context`, NULL on failure.
            guard let copy = proj_clone(context.handle, operation.pointer) else {
                throw ProjectionError.noTransformation(source: source.description, target: target.description,
                                                       message: context.takeErrorMessage(default: "cannot clone the operation"))
            }
            clones.append(PJHandle(copy, context: context))
        }
        return [operation] + clones.prefix(count - 1)
    }

    /// Transforms `range` in place with one PJ and returns its failing points in order.
    private static func run(_ handle: PJHandle, _ dir: PJ_DIRECTION, _ buffers: CoordinateBuffers,
                            _ range: Range<Int>, stopAtFirst: Bool) -> [TransformFailure] {
        let pj = handle.pointer
        let context = handle.context
        context.clearError()
        proj_errno_reset(pj)
        let stride = MemoryLayout<Double>.stride
        var failures: [TransformFailure] = []
        var inputX = [Double](repeating: 0, count: chunk), inputY = inputX
        var start = range.lowerBound
        while start < range.upperBound {
            let n = min(chunk, range.upperBound - start)
            let xs = buffers.x.baseAddress! + start, ys = buffers.y.baseAddress! + start
            inputX.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: xs, count: n) }
            inputY.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: ys, count: n) }
            // proj_trans_generic: returns the number of points processed; failures are
            // marked with HUGE_VAL in the outputs.
            _ = proj_trans_generic(pj, dir, xs, stride, n, ys, stride, n,
                                   buffers.z.map { $0.baseAddress! + start }, buffers.z == nil ? 0 : stride,
                                   buffers.z == nil ? 0 : n, nil, 0, 0)
            for i in 0..<n where !(xs[i].isFinite && ys[i].isFinite) {
                xs[i] = .nan
                ys[i] = .nan
                // Every failed point becomes NaN; with stopAtFirst only the first is described.
                if stopAtFirst && !failures.isEmpty { continue }
                // proj_errno: the last error on this operation, 0 when none.
                let code = proj_errno(pj)
                let message = context.lastLogMessage
                    ?? (code != 0 ? proj_context_errno_string(context.handle, code).map { String(cString: $0) } : nil)
                    ?? (inputX[i].isFinite && inputY[i].isFinite ? "outside the domain of the operation" : "input is not finite")
                failures.append(TransformFailure(index: start + i, x: inputX[i], y: inputY[i], message: message))
            }
            start += n
        }
        proj_errno_reset(pj)
        context.clearError()
        return failures
    }
}

/// One PJ per worker and one result slot per worker; worker k touches only index k of each.
private struct ParallelWork: @unchecked Sendable {
    let handles: [PJHandle]
    let results: UnsafeMutableBufferPointer<[TransformFailure]>
}

/// The caller's coordinate arrays, shared with worker threads that each write a disjoint range.
private struct CoordinateBuffers: @unchecked Sendable {
    let x: UnsafeMutableBufferPointer<Double>
    let y: UnsafeMutableBufferPointer<Double>
    let z: UnsafeMutableBufferPointer<Double>?
}

@available(*, unavailable, message: "a Transformer holds a PROJ object bound to its context; make one per task from a TransformerRecipe")
extension Transformer: Sendable {}

/// One point that PROJ could not transform.
public struct TransformFailure: Sendable, Hashable {
    /// 0-based index in the input arrays.
    public let index: Int
    /// The input x (before transformation).
    public let x: Double
    /// The input y.
    public let y: Double
    /// PROJ's message for the failure.
    public let message: String
}

/// A `Sendable` description of a transformation (source and target CRS) from which each task
/// makes its own `Transformer`.
public struct TransformerRecipe: Sendable, Hashable {
    /// The CRS coordinates are transformed from.
    public var source: CRS
    /// The CRS coordinates are transformed to.
    public var target: CRS

    /// Creates a recipe; nothing is built until `makeTransformer()`.
    public init(source: CRS, target: CRS) {
        self.source = source
        self.target = target
    }

    /// A new transformer for the calling task.
    /// - Throws: as `Transformer.init(from:to:)`.
    public func makeTransformer() throws -> Transformer {
        try Transformer(from: source, to: target)
    }

    /// The recipe for the opposite direction.
    public var inverted: TransformerRecipe { TransformerRecipe(source: target, target: source) }
}
