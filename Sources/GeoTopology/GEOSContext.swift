import CGEOS
import Foundation

/// Owns one GEOS context handle (`GEOSContextHandle_t`) and the last message GEOS reported on it.
///
/// Threading: GEOS's reentrant API allows any number of contexts, each used by one thread at a
/// time. This class is therefore not `Sendable`; `GEOSContext.current` hands every thread its
/// own instance (cached in the thread's dictionary), and no context is ever shared globally.
/// GEOS geometries made on a context are only used with that same context.
final class GEOSContext {
    /// The raw handle; valid for the lifetime of this object.
    let handle: GEOSContextHandle_t
    /// The last error message GEOS reported, cleared by `clearMessages()`.
    private(set) var lastError: String?
    /// The last notice (warning) GEOS reported, cleared by `clearMessages()`.
    private(set) var lastNotice: String?

    /// Creates a context with its message handlers registered.
    /// - Throws: `TopologyError` when `GEOS_init_r` returns NULL (out of memory).
    init() throws {
        guard let handle = GEOS_init_r() else {
            throw TopologyError(operation: "GEOS_init_r", message: "could not create a GEOS context")
        }
        self.handle = handle
        // The handlers get `self` unretained: the context never outlives this object (deinit
        // calls GEOS_finish_r), so the pointer is valid whenever GEOS can call back.
        let me = Unmanaged.passUnretained(self).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, userdata in
            guard let userdata else { return }
            let ctx = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            ctx.lastError = message.map { String(cString: $0) } ?? "unknown GEOS error"
        }, me)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, userdata in
            guard let userdata else { return }
            let ctx = Unmanaged<GEOSContext>.fromOpaque(userdata).takeUnretainedValue()
            ctx.lastNotice = message.map { String(cString: $0) }
        }, me)
    }

    deinit {
        GEOS_finish_r(handle)
    }

    /// Forgets earlier messages; called before each GEOS call whose failure is checked.
    func clearMessages() {
        lastError = nil
        lastNotice = nil
    }

    /// The error for a failed GEOS call: GEOS's last message, else `fallback`.
    func error(_ operation: String, fallback: String = "GEOS reported a failure without a message") -> TopologyError {
        let text = lastError.flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        return TopologyError(operation: operation, message: text)
    }

    /// Runs a GEOS call returning an owned pointer; throws GEOS's message when it returns NULL.
    func check<T>(_ operation: String, _ body: () -> T?) throws -> T {
        clearMessages()
        guard let result = body() else { throw error(operation) }
        return result
    }

    /// Runs a GEOS predicate; `char` results: 1 true, 0 false, 2 exception.
    func predicate(_ operation: String, _ body: () -> CChar) throws -> Bool {
        clearMessages()
        switch body() {
        case 1: return true
        case 0: return false
        default: throw error(operation)
        }
    }

    /// Runs a GEOS call with an `int` status: 1 (non-zero) success, 0 exception.
    func status(_ operation: String, _ body: () -> Int32) throws {
        clearMessages()
        guard body() != 0 else { throw error(operation) }
    }

    private static let threadKey = "org.bordermap.GeoTopology.GEOSContext"

    /// This thread's context, created on first use and kept until the thread exits.
    ///
    /// Safe because every public operation finishes synchronously (no `await` in between), so a
    /// context is only ever used by the thread that owns it.
    static func current() throws -> GEOSContext {
        let dict = Thread.current.threadDictionary
        if let ctx = dict[threadKey] as? GEOSContext { return ctx }
        let ctx = try GEOSContext()
        dict[threadKey] = ctx
        return ctx
    }
}
