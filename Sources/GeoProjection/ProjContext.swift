import CPROJ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one `PJ_CONTEXT` and captures PROJ's error messages for it.
///
/// PROJ's rule: a context (and every `PJ` made with it) is used by one thread at a time.
/// `ProjContext.current()` hands out one context per thread, kept in a pthread key and
/// destroyed when the thread exits; creating a context opens `proj.db`, so it is reused for
/// every call on that thread. Not thread-safe: never pass one to another thread.
final class ProjContext {
    /// The `PJ_CONTEXT *`; valid for the lifetime of this object.
    let handle: OpaquePointer
    /// The last error message PROJ logged on this context since `clearError()`.
    private(set) var lastLogMessage: String?
    /// `+proj=longlat +ellps=WGS84` on this context: the ellipsoid for `proj_geod`, and the object
    /// through which the context's errno is reset (`proj_errno_reset` clears the context's errno
    /// too; PROJ 9.1 has no context-level reset). Owned here (not by a `PJHandle`, which would
    /// retain the context and form a cycle) and destroyed in `deinit`.
    private(set) var wgs84: OpaquePointer?

    /// Creates a context and checks that `proj.db` can be opened.
    /// - Parameter searchPaths: directories searched for `proj.db` and grids; nil keeps PROJ's
    ///   default (`PROJ_DATA` or the compiled-in path).
    /// - Throws: `ProjectionError.contextUnavailable`, `.databaseNotFound`.
    init(searchPaths: [String]? = nil) throws {
        guard let ctx = proj_context_create() else { throw ProjectionError.contextUnavailable }
        handle = ctx
        let selfPointer = Unmanaged.passUnretained(self).toOpaque()
        // Route PROJ's log to this object instead of stderr; keep errors only.
        proj_log_level(ctx, PJ_LOG_ERROR)
        proj_log_func(ctx, selfPointer) { appData, level, message in
            guard let appData, let message else { return }
            let context = Unmanaged<ProjContext>.fromOpaque(appData).takeUnretainedValue()
            if level <= Int32(PJ_LOG_ERROR.rawValue) {
                context.lastLogMessage = String(cString: message)
            }
        }
        if let searchPaths {
            var cStrings = searchPaths.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            cStrings.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                    proj_context_set_search_paths(ctx, Int32(buffer.count), $0)
                }
            }
        }
        // proj_context_get_database_path: NULL when proj.db cannot be opened.
        guard proj_context_get_database_path(ctx) != nil else {
            let message = takeErrorMessage(default: "cannot open proj.db")
            throw ProjectionError.databaseNotFound(searchPaths: searchPaths ?? [], message: message)
        }
        // proj_create: NULL on failure (cannot happen for this PROJ string short of memory).
        wgs84 = proj_create(ctx, "+proj=longlat +ellps=WGS84 +no_defs")
        clearError()
    }

    deinit {
        // Detach the log callback from this object before PROJ tears the context down.
        proj_log_func(handle, nil, nil)
        if let wgs84 { proj_destroy(wgs84) }
        proj_context_destroy(handle)
    }

    /// The path of the `proj.db` this context opened.
    var databasePath: String? {
        proj_context_get_database_path(handle).map { String(cString: $0) }
    }

    /// Forgets any earlier error (logged message and context errno) so the next call's error is
    /// its own.
    func clearError() {
        lastLogMessage = nil
        if let wgs84 { proj_errno_reset(wgs84) }
    }

    /// The best description of the last failure: PROJ's logged message, else the text for the
    /// context's errno, else `fallback`. Clears the stored message.
    func takeErrorMessage(default fallback: String) -> String {
        defer { lastLogMessage = nil }
        if let message = lastLogMessage, !message.isEmpty { return message }
        // proj_context_errno: 0 when no error is pending.
        let code = proj_context_errno(handle)
        if code != 0, let text = proj_context_errno_string(handle, code) {
            return String(cString: text)
        }
        return fallback
    }

    /// The WGS 84 ellipsoid object for geodesic calls on this context.
    /// - Throws: `ProjectionError.geodesicFailed` if it could not be created.
    func wgs84Ellipsoid() throws -> OpaquePointer {
        guard let wgs84 else { throw ProjectionError.geodesicFailed(message: "cannot create the WGS 84 ellipsoid") }
        return wgs84
    }

    /// The context of the calling thread, created on the first call from that thread.
    /// - Throws: `ProjectionError.databaseNotFound` when `proj.db` is missing.
    static func current() throws -> ProjContext {
        if let raw = pthread_getspecific(contextKey) {
            return Unmanaged<ProjContext>.fromOpaque(raw).takeUnretainedValue()
        }
        let context = try ProjContext()
        // The key holds one retain, released by the key's destructor when the thread exits.
        let raw = Unmanaged.passRetained(context).toOpaque()
        // pthread_setspecific: 0 on success.
        if pthread_setspecific(contextKey, raw) != 0 {
            Unmanaged<ProjContext>.fromOpaque(raw).release()
        }
        return context
    }
}

/// The pthread key under which each thread keeps its `ProjContext` (one retain per thread).
private let contextKey: pthread_key_t = {
    var key = pthread_key_t()
    #if os(Linux)
    let destructor: @convention(c) (UnsafeMutableRawPointer?) -> Void = { raw in
        guard let raw else { return }
        Unmanaged<ProjContext>.fromOpaque(raw).release()
    }
    #else
    let destructor: @convention(c) (UnsafeMutableRawPointer) -> Void = { raw in
        Unmanaged<ProjContext>.fromOpaque(raw).release()
    }
    #endif
    // pthread_key_create: 0 on success; fails only when the process is out of keys, in which
    // case no PROJ call could work at all.
    let rc = pthread_key_create(&key, destructor)
    precondition(rc == 0, "pthread_key_create failed: \(rc)")
    return key
}()

/// Owns one `PJ *` and destroys it in `deinit`; keeps its context alive as long as it lives.
/// Not thread-safe: use only on the context's thread (or, for a dedicated context, by one
/// owner at a time).
final class PJHandle {
    /// The `PJ *`.
    let pointer: OpaquePointer
    /// The context the object was created with.
    let context: ProjContext

    init(_ pointer: OpaquePointer, context: ProjContext) {
        self.pointer = pointer
        self.context = context
    }

    deinit {
        proj_destroy(pointer)
    }
}
