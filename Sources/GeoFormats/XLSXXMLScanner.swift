import Foundation

/// A pull scanner over the bytes of one XML part of a workbook: start tags (local name and
/// attributes), end tags and text, one event per `next()`.
///
/// Why not `XMLParser` or XMLCoder for sheets and shared strings: both push a whole document
/// (XMLCoder builds a tree of it), so neither can hand out one row and stop until asked for the
/// next. This scanner does only what SpreadsheetML needs: namespace prefixes are dropped from
/// names, comments and processing instructions are skipped, CDATA is text, the five predefined
/// entities and numeric character references are decoded. A DOCTYPE is refused (no entity
/// expansion, so no "billion laughs"). Structural errors (unclosed or mismatched tags, a bad
/// attribute, an unknown entity) throw `FormatError` naming the part and line. Not thread-safe.
final class XLSXXMLScanner {
    /// One event. Text is a byte range, decoded only when asked (`text(_:)`), because most
    /// text between tags is whitespace nobody reads.
    enum Event {
        case start(name: String, attributes: Attributes, selfClosing: Bool)
        case end(name: String)
        case text(Range<Int>, cdata: Bool)
    }

    /// The attributes of a start tag in document order. Tags have few, so a linear scan finds
    /// one faster than hashing into a dictionary would (measured: 10 % of sheet reading time).
    struct Attributes {
        var pairs: [(name: String, value: String)] = []
        /// The value of the first attribute called `name` (prefix kept only for `r:` and `xml:`).
        subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }
    }

    let bytes: [UInt8]
    let file: String?
    let part: String
    private var pos = 0
    /// Bytes of the part scanned so far (for progress).
    var position: Int { pos }
    private var open: [String] = []
    private var pendingEnd: String?

    init(bytes: [UInt8], file: String?, part: String) {
        self.bytes = bytes
        self.file = file
        self.part = part
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }  // a UTF-8 byte-order mark, as some writers emit
    }

    /// The error for a problem at byte `at` (its line is computed only now).
    func error(_ message: String, at: Int? = nil) -> FormatError {
        let offset = min(at ?? pos, bytes.count)
        let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return FormatError(file: file, location: part, "malformed XML at line \(line): \(message)")
    }

    /// The next event, or nil at the end of the part.
    /// - Throws: `FormatError` for malformed XML.
    func next() throws -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while pos < bytes.count {
            if bytes[pos] != 0x3C {  // text up to the next '<'
                let start = pos
                while pos < bytes.count, bytes[pos] != 0x3C { pos += 1 }
                if open.isEmpty {
                    guard bytes[start..<pos].allSatisfy(Self.isSpace) else { throw error("text outside the root element", at: start) }
                    continue
                }
                return .text(start..<pos, cdata: false)
            }
            if starts(with: "<?") { try skip(past: "?>"); continue }
            if starts(with: "<!--") { try skip(past: "-->"); continue }
            if starts(with: "<![CDATA[") {
                let start = pos + 9
                try skip(past: "]]>")
                guard !open.isEmpty else { throw error("CDATA outside the root element", at: start) }
                return .text(start..<(pos - 3), cdata: true)
            }
            if starts(with: "<!") { throw error("DOCTYPE and other declarations are not allowed") }
            if starts(with: "</") {
                pos += 2
                let name = try readName()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == 0x3E else { throw error("expected '>' after </\(name)") }
                pos += 1
                guard let top = open.popLast(), top == name else { throw error("unexpected </\(name)>") }
                return .end(name: Self.localName(name))
            }
            pos += 1
            let name = try readName()
            var attributes = Attributes()
            while true {
                let hadSpace = skipSpace()
                guard pos < bytes.count else { throw error("unexpected end inside <\(name)>") }
                if bytes[pos] == 0x3E { pos += 1; open.append(name); break }
                if bytes[pos] == 0x2F {
                    guard pos + 1 < bytes.count, bytes[pos + 1] == 0x3E else { throw error("expected '/>' in <\(name)>") }
                    pos += 2
                    pendingEnd = Self.localName(name)
                    return .start(name: Self.localName(name), attributes: attributes, selfClosing: true)
                }
                guard hadSpace else { throw error("expected a space before an attribute in <\(name)>") }
                let key = try readName()
                skipSpace()
                guard pos < bytes.count, bytes[pos] == 0x3D else { throw error("expected '=' after \(key) in <\(name)>") }
                pos += 1
                skipSpace()
                guard pos < bytes.count, bytes[pos] == 0x22 || bytes[pos] == 0x27 else { throw error("unquoted value of \(key) in <\(name)>") }
                let quote = bytes[pos]
                pos += 1
                let start = pos
                while pos < bytes.count, bytes[pos] != quote {
                    guard bytes[pos] != 0x3C else { throw error("'<' in the value of \(key)") }
                    pos += 1
                }
                guard pos < bytes.count else { throw error("unterminated value of \(key) in <\(name)>") }
                attributes.pairs.append((Self.attributeName(key), try decode(start..<pos)))
                pos += 1
            }
            return .start(name: Self.localName(name), attributes: attributes, selfClosing: false)
        }
        if let top = open.last { throw error("the part ends inside <\(top)>") }
        return nil
    }

    /// The text of a `.text` event, entities decoded (CDATA is taken as it is).
    func text(_ range: Range<Int>, cdata: Bool) throws -> String {
        cdata ? String(decoding: bytes[range], as: UTF8.self) : try decode(range)
    }

    /// Skips to the end of the element whose start tag was just returned (not self-closing).
    func skipElement() throws {
        var depth = 1
        while depth > 0, let event = try next() {
            switch event {
            case .start(_, _, let selfClosing): if !selfClosing { depth += 1 } else { _ = try next() }
            case .end: depth -= 1
            case .text: break
            }
        }
    }

    // MARK: - Lexing

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    /// `x:c` → `c`.
    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Attribute names keep `r:` (relationship ids) and `xml:`; other prefixes are dropped.
    private static func attributeName(_ name: String) -> String {
        name.hasPrefix("r:") || name.hasPrefix("xml:") ? name : localName(name)
    }

    private func starts(with s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        return s.withUTF8Buffer { buf in (0..<n).allSatisfy { bytes[pos + $0] == buf[$0] } }
    }

    private func skip(past s: StaticString) throws {
        let start = pos
        while pos < bytes.count {
            if starts(with: s) { pos += s.utf8CodeUnitCount; return }
            pos += 1
        }
        throw error("unterminated '\(String(decoding: bytes[start..<min(start + 9, bytes.count)], as: UTF8.self))'", at: start)
    }

    @discardableResult
    private func skipSpace() -> Bool {
        let start = pos
        while pos < bytes.count, Self.isSpace(bytes[pos]) { pos += 1 }
        return pos > start
    }

    private func readName() throws -> String {
        let start = pos
        while pos < bytes.count {
            let b = bytes[pos]
            if Self.isSpace(b) || b == 0x3E || b == 0x2F || b == 0x3D || b == 0x3C || b == 0x22 || b == 0x27 { break }
            pos += 1
        }
        guard pos > start else { throw error("expected a name") }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// Decodes entity and character references in `range`.
    private func decode(_ range: Range<Int>) throws -> String {
        guard bytes[range].contains(0x26) else { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            guard bytes[i] == 0x26 else { out.append(bytes[i]); i += 1; continue }
            guard let semi = bytes[i..<range.upperBound].firstIndex(of: 0x3B), semi - i <= 12 else {
                throw error("'&' that starts no entity", at: i)
            }
            let name = String(decoding: bytes[(i + 1)..<semi], as: UTF8.self)
            switch name {
            case "lt": out.append(0x3C)
            case "gt": out.append(0x3E)
            case "amp": out.append(0x26)
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                let scalar: Unicode.Scalar?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                } else {
                    scalar = nil
                }
                guard let s = scalar else { throw error("unknown entity &\(name);", at: i) }
                out.append(contentsOf: Array(String(Character(s)).utf8))
            }
            i = semi + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
