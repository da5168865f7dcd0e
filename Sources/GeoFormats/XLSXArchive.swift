import Foundation
import ZIPFoundation

/// The ZIP container of a workbook: finds parts by name and inflates them into memory,
/// refusing any part larger than a bound before inflating it (a "zip bomb" guard: the size in
/// the central directory is checked first, and the inflated byte count again while inflating,
/// in case the directory lies). Not thread-safe.
final class XLSXArchive {
    let file: String?
    let maxPartBytes: Int
    private let archive: Archive

    /// Opens the ZIP file at `path`.
    /// - Throws: `FormatError` when it cannot be read or is not a ZIP archive.
    init(path: String, maxPartBytes: Int) throws {
        file = path
        self.maxPartBytes = maxPartBytes
        guard FileManager.default.isReadableFile(atPath: path) else { throw FormatError(file: path, "cannot read the file") }
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw FormatError(file: path, "not an XLSX workbook: not a ZIP archive, or a truncated one (\(error))")
        }
    }

    /// Opens a ZIP archive held in memory; `name` is used in errors.
    /// - Throws: `FormatError` when `data` is not a ZIP archive.
    init(data: Data, name: String?, maxPartBytes: Int) throws {
        file = name
        self.maxPartBytes = maxPartBytes
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw FormatError(file: name, "not an XLSX workbook: not a ZIP archive, or a truncated one (\(error))")
        }
    }

    /// The entry named `part` (exact name first, then ignoring case and a leading `/`).
    private func entry(_ part: String) -> Entry? {
        if let e = archive[part] { return e }
        let wanted = part.lowercased()
        return archive.first { e in
            var p = e.path
            if p.hasPrefix("/") { p.removeFirst() }
            return p.lowercased() == wanted
        }
    }

    /// The inflated bytes of `part`, or nil when the archive has no such part.
    /// - Throws: `FormatError` (location = the part) when it is larger than `maxPartBytes` or
    ///   cannot be inflated (damaged data, bad checksum).
    func readIfPresent(_ part: String) throws -> [UInt8]? {
        guard let e = entry(part) else { return nil }
        let limit = maxPartBytes
        guard e.uncompressedSize <= UInt64(limit) else {
            throw FormatError(file: file, location: part,
                              "part inflates to \(e.uncompressedSize) bytes, more than the limit of \(limit); refused")
        }
        struct TooLarge: Error {}
        var out: [UInt8] = []
        out.reserveCapacity(Int(e.uncompressedSize))
        do {
            _ = try archive.extract(e) { chunk in
                guard out.count + chunk.count <= limit else { throw TooLarge() }
                out.append(contentsOf: chunk)
            }
        } catch is TooLarge {
            throw FormatError(file: file, location: part, "part inflates to more than the limit of \(limit) bytes; refused")
        } catch {
            throw FormatError(file: file, location: part, "part cannot be inflated: \(error)")
        }
        return out
    }

    /// The inflated bytes of `part`.
    /// - Throws: `FormatError` when the part is missing, or as `readIfPresent`.
    func read(_ part: String) throws -> [UInt8] {
        guard let bytes = try readIfPresent(part) else {
            throw FormatError(file: file, location: part, "the workbook has no such part (not an XLSX workbook, or a damaged one)")
        }
        return bytes
    }
}
