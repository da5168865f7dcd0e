import CGeoTIFF
import Foundation

/// GDAL's private TIFF tag for a band's NODATA value: ASCII text of the number
/// (tag 42113, `TIFFTAG_GDAL_NODATA` in GDAL's gtiff driver).
let gdalNodataTag: UInt32 = 42113

/// The messages libtiff reports for one open file, collected by its per-file handlers
/// (`TIFFOpenOptionsSetErrorHandlerExtR`, libtiff ≥ 4.5) instead of being printed to stderr.
/// Only touched by the thread that uses the file.
final class TIFFMessageLog {
    var errors: [String] = []
    var warnings: [String] = []

    /// The errors (or, when there are none, the warnings) as one line for a thrown error.
    var summary: String {
        let m = errors.isEmpty ? warnings : errors
        return m.isEmpty ? "no message from libtiff" : m.joined(separator: "; ")
    }

    /// `TIFFErrorHandlerExtR`: formats `fmt` with its `va_list` and appends it. Returns 1 so
    /// libtiff does not also call its global handler (which prints to stderr).
    static let errorHandler: TIFFErrorHandlerExtR = { _, userData, module, fmt, args in
        guard let userData, let args else { return 0 }
        let log = Unmanaged<TIFFMessageLog>.fromOpaque(userData).takeUnretainedValue()
        log.errors.append(format(module, fmt, args))
        return 1
    }

    /// As `errorHandler`, for warnings.
    static let warningHandler: TIFFErrorHandlerExtR = { _, userData, module, fmt, args in
        guard let userData, let args else { return 0 }
        let log = Unmanaged<TIFFMessageLog>.fromOpaque(userData).takeUnretainedValue()
        log.warnings.append(format(module, fmt, args))
        return 1
    }

    private static func format(_ module: UnsafePointer<CChar>?, _ fmt: UnsafePointer<CChar>?, _ args: CVaListPointer) -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        if let fmt { _ = vsnprintf(&buffer, buffer.count, fmt, args) }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let module else { return text }
        return "\(String(cString: module)): \(text)"
    }
}

/// libtiff's tag extender chain, set up once per process: libgeotiff's (`XTIFFInitialize`,
/// which teaches libtiff the GeoTIFF tags) and then ours, which adds GDAL's NODATA tag to every
/// file libtiff opens (libtiff's documented way to define a private tag: a `TIFFExtendProc`
/// calling `TIFFMergeFieldInfo` and then the extender it replaced).
enum TIFFTagRegistration {
    /// The extender ours replaced. Written once inside `installed`'s initialiser (which Swift
    /// runs exactly once, thread-safely) before ours is registered; only read afterwards.
    nonisolated(unsafe) private static var parent: TIFFExtendProc?

    /// The field description; libtiff keeps the pointers (it does not copy the name), so both
    /// live for the whole process.
    nonisolated(unsafe) private static let fieldInfo: UnsafeMutablePointer<TIFFFieldInfo> = {
        let p = UnsafeMutablePointer<TIFFFieldInfo>.allocate(capacity: 1)
        // readcount/writecount -1 (TIFF_VARIABLE), ASCII, custom field, changeable, no count argument.
        p.initialize(to: TIFFFieldInfo(field_tag: gdalNodataTag, field_readcount: -1, field_writecount: -1,
                                       field_type: TIFF_ASCII, field_bit: UInt16(FIELD_CUSTOM), field_oktochange: 1,
                                       field_passcount: 0, field_name: strdup("GDALNoDataValue")))
        return p
    }()

    private static let extender: TIFFExtendProc = { tif in
        // TIFFMergeFieldInfo: 0 on success. An extender cannot report failure; if the merge
        // failed, the later TIFFSetField(GDAL_NODATA) fails with libtiff's "unknown tag" error,
        // which the writer throws.
        _ = TIFFMergeFieldInfo(tif, TIFFTagRegistration.fieldInfo, 1)
        TIFFTagRegistration.parent?(tif)
    }

    /// Evaluated once: registers the extenders.
    static let installed: Void = {
        XTIFFInitialize()
        parent = TIFFSetTagExtender(extender)
    }()
}

/// An open libtiff file, for writing (`"w"`) or reading (`"r"`), with its message log. Closes
/// the file in `deinit` unless `close()` did. Not thread-safe: one thread uses a handle.
final class TIFFHandle {
    let tif: OpaquePointer
    let log: TIFFMessageLog
    let path: String
    private var closed = false

    /// Opens `path` in libtiff `mode` ("w" truncates the file, "r" reads it) with the per-file
    /// message handlers.
    /// - Throws: `GeoTIFFError.libtiff` with libtiff's message (e.g. "Permission denied", or
    ///   "Not a TIFF or MDI file, bad magic number …" when reading something else).
    init(path: String, mode: String = "w") throws {
        _ = TIFFTagRegistration.installed
        let log = TIFFMessageLog()
        guard let options = TIFFOpenOptionsAlloc() else {
            throw GeoTIFFError.libtiff(file: path, operation: "TIFFOpenOptionsAlloc", message: "out of memory")
        }
        defer { TIFFOpenOptionsFree(options) }
        let user = Unmanaged.passUnretained(log).toOpaque()
        TIFFOpenOptionsSetErrorHandlerExtR(options, TIFFMessageLog.errorHandler, user)
        TIFFOpenOptionsSetWarningHandlerExtR(options, TIFFMessageLog.warningHandler, user)
        // TIFFOpenExt: the handle, or NULL after reporting through the error handler.
        guard let tif = TIFFOpenExt(path, mode, options) else {
            throw GeoTIFFError.libtiff(file: path, operation: "TIFFOpenExt", message: log.summary)
        }
        self.tif = tif
        self.log = log
        self.path = path
    }

    /// `TIFFVSetField` (the `va_list` form of the variadic `TIFFSetField`); 1 on success.
    /// - Throws: `GeoTIFFError.libtiff` naming the tag, with libtiff's message.
    func set(_ tag: UInt32, _ args: [CVarArg], name: String) throws {
        let ok = withVaList(args) { TIFFVSetField(tif, tag, $0) }
        guard ok == 1 else { throw failure("TIFFSetField(\(name))") }
    }

    /// A 16-bit tag's value (`TIFFVGetField`, or `TIFFVGetFieldDefaulted` with the default
    /// the TIFF 6.0 specification gives when `defaulted`); nil when the file lacks the tag.
    func uint16(_ tag: UInt32, defaulted: Bool = false) -> UInt16? {
        var v: UInt16 = 0
        let ok = withUnsafeMutablePointer(to: &v) { p in
            withVaList([p]) { defaulted ? TIFFVGetFieldDefaulted(tif, tag, $0) : TIFFVGetField(tif, tag, $0) }
        }
        return ok == 1 ? v : nil
    }

    /// A 32-bit tag's value, as `uint16`.
    func uint32(_ tag: UInt32, defaulted: Bool = false) -> UInt32? {
        var v: UInt32 = 0
        let ok = withUnsafeMutablePointer(to: &v) { p in
            withVaList([p]) { defaulted ? TIFFVGetFieldDefaulted(tif, tag, $0) : TIFFVGetField(tif, tag, $0) }
        }
        return ok == 1 ? v : nil
    }

    /// An ASCII tag's text (without the terminating NUL); nil when the file lacks the tag.
    func ascii(_ tag: UInt32) -> String? {
        var text: UnsafeMutablePointer<CChar>?
        let ok = withUnsafeMutablePointer(to: &text) { p in withVaList([p]) { TIFFVGetField(tif, tag, $0) } }
        guard ok == 1, let text else { return nil }
        return String(cString: text)
    }

    /// A DOUBLE tag of variable length that libtiff returns with its count (the GeoTIFF model
    /// tags as libgeotiff's `XTIFFInitialize` registers them). The count argument is a
    /// `uint16_t` for `TIFF_VARIABLE` fields and a `uint32_t` for `TIFF_VARIABLE2` ones
    /// (libtiff's `TIFFGetField` documentation); nil when the file lacks the tag or libtiff does
    /// not know it.
    func doubles(_ tag: UInt32) -> [Double]? {
        guard let field = TIFFFieldWithTag(tif, tag), TIFFFieldPassCount(field) != 0 else { return nil }
        var values: UnsafeMutablePointer<Double>?
        var count = 0
        let ok: Int32 = withUnsafeMutablePointer(to: &values) { vp in
            if TIFFFieldReadCount(field) == Int32(TIFF_VARIABLE2) {
                var n: UInt32 = 0
                let r = withUnsafeMutablePointer(to: &n) { np in withVaList([np, vp]) { TIFFVGetField(tif, tag, $0) } }
                count = Int(n)
                return r
            }
            var n: UInt16 = 0
            let r = withUnsafeMutablePointer(to: &n) { np in withVaList([np, vp]) { TIFFVGetField(tif, tag, $0) } }
            count = Int(n)
            return r
        }
        guard ok == 1, let values else { return nil }
        return Array(UnsafeBufferPointer(start: values, count: count))
    }

    /// A `GeoTIFFError.libtiff` for `operation` with the messages logged so far.
    func failure(_ operation: String) -> GeoTIFFError {
        .libtiff(file: path, operation: operation, message: log.summary)
    }

    /// Flushes the directory and data (`TIFFFlush`: 1 on success; a no-op for a file open
    /// for reading) and closes the file.
    /// - Throws: `GeoTIFFError.libtiff` when flushing or closing reported an error.
    func close() throws {
        guard !closed else { return }
        let flushed = TIFFFlush(tif)
        closed = true
        TIFFClose(tif)
        guard flushed == 1, log.errors.isEmpty else { throw failure("TIFFFlush/TIFFClose") }
    }

    deinit {
        if !closed { TIFFClose(tif) }
    }
}

/// A libgeotiff key set attached to an open TIFF, freed in `deinit`.
final class GTIFHandle {
    let gtif: OpaquePointer

    /// `GTIFNew`: NULL on failure.
    init(_ handle: TIFFHandle) throws {
        guard let g = GTIFNew(UnsafeMutableRawPointer(handle.tif)) else {
            throw GeoTIFFError.libgeotiff(file: handle.path, operation: "GTIFNew", message: handle.log.summary)
        }
        gtif = g
    }

    deinit { GTIFFree(gtif) }
}
