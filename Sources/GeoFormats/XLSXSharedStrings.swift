/// The shared string table of a workbook (`xl/sharedStrings.xml`): the text of each `<si>`,
/// which is one `<t>` or rich text runs `<r><t>…</t></r>` joined; phonetic runs (`<rPh>`) are
/// left out, whitespace is kept as stored. Read with `XLSXXMLScanner` rather than XMLCoder
/// because it can hold a million strings and XMLCoder would build a tree of all of them first.
enum XLSXSharedStrings {
    static let part = "xl/sharedStrings.xml"

    /// The strings of `archive`, or none when the workbook has no shared string part.
    /// - Throws: `FormatError` naming the part when it is malformed or too large.
    static func read(archive: XLSXArchive) throws -> [String] {
        guard let bytes = try archive.readIfPresent(part) else { return [] }
        let scanner = XLSXXMLScanner(bytes: bytes, file: archive.file, part: part)
        var strings: [String] = []
        while let event = try scanner.next() {
            guard case .start("si", _, let selfClosing) = event else { continue }
            if selfClosing { _ = try scanner.next(); strings.append(""); continue }
            strings.append(try readText(scanner, until: "si"))
        }
        return strings
    }

    /// The joined `<t>` text up to the end of the enclosing element `until` (an `si` or `is`),
    /// skipping phonetic runs.
    static func readText(_ scanner: XLSXXMLScanner, until: String) throws -> String {
        var text = ""
        var inT = false
        while let event = try scanner.next() {
            switch event {
            case .start("rPh", _, false), .start("rPr", _, false): try scanner.skipElement()
            case .start("t", _, let selfClosing): inT = !selfClosing
            case .end("t"): inT = false
            case .end(let name) where name == until: return text
            case .text(let range, let cdata) where inT: text += try scanner.text(range, cdata: cdata)
            default: break
            }
        }
        return text  // unreachable: the scanner throws at an unclosed element
    }
}
