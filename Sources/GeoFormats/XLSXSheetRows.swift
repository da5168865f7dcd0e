/// Reads the rows of one worksheet part, one `<row>` per call, turning each cell into text
/// (`XLSXCellText`): shared strings (`t="s"`), inline strings (`inlineStr`), formula results
/// (`str`), booleans (`b`: `TRUE`/`FALSE`), errors (`e`: `#DIV/0!` as stored), ISO dates
/// (`d`, as stored) and numbers (`n` or no type; dates when their style has a date format).
/// Cells are placed by their `r` reference (`C7` → column 2); a cell or row without `r`
/// follows the previous one. Not thread-safe.
final class XLSXSheetRows {
    /// Excel's last column, XFD.
    static let maxColumns = 16_384

    private let scanner: XLSXXMLScanner
    private let sharedStrings: [String]
    private let styles: XLSXStyles
    private let date1904: Bool
    private var started = false
    private var finished = false
    private var lastRow = 0
    /// The sheet part's size and how far the rows have been read, in bytes of XML.
    var byteCount: Int { scanner.bytes.count }
    var bytesRead: Int { scanner.position }

    init(scanner: XLSXXMLScanner, sharedStrings: [String], styles: XLSXStyles, date1904: Bool) {
        self.scanner = scanner
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
    }

    private func error(_ message: String) -> FormatError {
        FormatError(file: scanner.file, location: scanner.part, message)
    }

    /// The next `<row>` (its number and cells, trailing empty cells dropped), or nil after the last.
    /// - Throws: `FormatError` for malformed XML, a bad cell reference or an unknown shared string.
    func next() throws -> (row: Int, cells: [String])? {
        if finished { return nil }
        if !started {
            started = true
            while true {
                guard let event = try scanner.next() else { finished = true; return nil }
                if case .start("sheetData", _, let selfClosing) = event {
                    if selfClosing { finished = true; return nil }
                    break
                }
            }
        }
        while let event = try scanner.next() {
            switch event {
            case .start("row", let attributes, let selfClosing):
                let row = try attributes["r"].map { r in
                    guard let n = Int(r), n > 0 else { throw error("bad row number r=\"\(r)\"") }
                    return n
                } ?? lastRow + 1
                lastRow = row
                if selfClosing { _ = try scanner.next(); return (row, []) }
                return (row, try readCells(row: row))
            case .start(_, _, false): try scanner.skipElement()
            case .end("sheetData"):
                finished = true
                return nil
            default: break
            }
        }
        finished = true
        return nil
    }

    private func readCells(row: Int) throws -> [String] {
        var cells: [String] = []
        var column = -1
        while let event = try scanner.next() {
            switch event {
            case .start("c", let attributes, let selfClosing):
                if let r = attributes["r"] {
                    guard let c = Self.column(of: r) else { throw error("bad cell reference r=\"\(r)\" in row \(row)") }
                    column = c
                } else {
                    column += 1
                }
                guard column < Self.maxColumns else { throw error("cell beyond column XFD in row \(row)") }
                let text = selfClosing ? "" : try readCell(attributes, reference: attributes["r"] ?? "row \(row)")
                if selfClosing { _ = try scanner.next() }
                guard !text.isEmpty else { continue }
                if cells.count <= column { cells.append(contentsOf: repeatElement("", count: column + 1 - cells.count)) }
                cells[column] = text
            case .start(_, _, false): try scanner.skipElement()
            case .end("row"): return cells
            default: break
            }
        }
        return cells
    }

    /// The 0-based column of reference `ref` (`AB12` → 27), or nil when it is not a reference.
    static func column(of ref: String) -> Int? {
        var n = 0, letters = 0
        for u in ref.utf8 {
            switch u {
            case 0x41...0x5A: n = n * 26 + Int(u - 0x40)
            case 0x61...0x7A: n = n * 26 + Int(u - 0x60)
            case 0x30...0x39 where letters > 0: return n - 1
            default: return nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return letters > 0 ? n - 1 : nil
    }

    /// The text of the cell whose start tag (with `attributes`) was just read, up to its end tag.
    private func readCell(_ attributes: XLSXXMLScanner.Attributes, reference: String) throws -> String {
        var value: String?
        var inline: String?
        var inV = false
        loop: while let event = try scanner.next() {
            switch event {
            case .start("v", _, let selfClosing): inV = !selfClosing; if value == nil { value = "" }
            case .end("v"): inV = false
            case .start("is", _, let selfClosing): inline = selfClosing ? "" : try XLSXSharedStrings.readText(scanner, until: "is")
            case .start(_, _, false): try scanner.skipElement()
            case .text(let range, let cdata) where inV: value = (value ?? "") + (try scanner.text(range, cdata: cdata))
            case .end("c"): break loop
            default: break
            }
        }
        switch attributes["t"] ?? "n" {
        case "inlineStr": return inline ?? value ?? ""
        case "s":
            guard let v = value else { return "" }
            guard let i = Int(XLSXCellText.trimmed(v)), sharedStrings.indices.contains(i) else {
                throw error("cell \(reference): shared string \(v) does not exist (\(sharedStrings.count) in the table)")
            }
            return sharedStrings[i]
        case "b":
            guard let v = value.map(XLSXCellText.trimmed), !v.isEmpty else { return "" }
            return v == "1" || v.lowercased() == "true" ? "TRUE" : "FALSE"
        case "str", "e", "d": return value ?? ""
        default:
            guard let v = value.map(XLSXCellText.trimmed), !v.isEmpty else { return "" }
            if let s = attributes["s"].flatMap({ Int($0) }), let kind = styles.dateKind(style: s),
               let serial = Double(v), let date = XLSXCellText.date(serial: serial, kind: kind, date1904: date1904) {
                return date
            }
            guard let number = XLSXCellText.number(v) else { throw error("cell \(reference): '\(v)' is not a number") }
            return number
        }
    }
}
