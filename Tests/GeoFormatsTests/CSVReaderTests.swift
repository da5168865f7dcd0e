import Foundation
import Testing
@testable import GeoFormats

@Suite("CSV reader")
struct CSVReaderTests {
    private func read(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> [CSVRecord] {
        try CSVReader(data: Data(text.utf8), options: options).readAll()
    }

    @Test("fixtures read as Python's csv module reads them, rows included", arguments: CSVFixtures.readerNames)
    func fixturesAgainstPython(name: String) throws {
        let expected = try CSVFixtures.expected(name)
        let reader = try CSVReader(path: CSVFixtures.url(name + ".csv").path)
        let records = try reader.readAll()
        #expect(reader.delimiter.character == Character(expected.delimiter), "sniffed delimiter")
        #expect(reader.encoding == (expected.encoding == "cp1251" ? .windows1251 : .utf8), "detected encoding")
        #expect(records.map(\.row) == expected.records.map(\.row))
        #expect(records.map(\.fields) == expected.records.map(\.fields))
        #expect(!records.contains { $0.hasInvalidText })
    }

    @Test("quoting, line breaks and blank lines", arguments: [
        ("a,b\n1,2\n", [1, 2], [["a", "b"], ["1", "2"]]),
        ("a,b\r\n1,2", [1, 2], [["a", "b"], ["1", "2"]]),                       // no final line break
        ("a,b\r1,2\r", [1, 2], [["a", "b"], ["1", "2"]]),                       // CR only
        ("a,b\n\n\r\n1,2\n", [1, 4], [["a", "b"], ["1", "2"]]),                  // blank lines counted
        ("a,b\n\"x\ny\",2\n3,4\n", [1, 2, 4], [["a", "b"], ["x\ny", "2"], ["3", "4"]]),
        ("a,b\n\"x\r\n\r\ny\",2\n3,4\n", [1, 2, 5], [["a", "b"], ["x\r\n\r\ny", "2"], ["3", "4"]]),
        ("a,b\n\"say \"\"hi\"\"\",\"\"\n", [1, 2], [["a", "b"], ["say \"hi\"", ""]]),
        ("a,b\n43°15'30\"N,\"a,b\"\n", [1, 2], [["a", "b"], ["43°15'30\"N", "a,b"]]),  // quote inside unquoted field
        ("a,b\n\"ab\"c,d\n", [1, 2], [["a", "b"], ["abc", "d"]]),               // text after closing quote, as Python
        ("a,b\n,\n", [1, 2], [["a", "b"], ["", ""]]),
        ("a\n\"\"\n", [1, 2], [["a"], [""]]),                                   // a quoted empty field is a record
    ] as [(String, [Int], [[String]])])
    func quoting(text: String, rows: [Int], fields: [[String]]) throws {
        let records = try read(text, CSVOptions(delimiter: .comma))
        #expect(records.map(\.row) == rows)
        #expect(records.map(\.fields) == fields)
    }

    @Test("Excel's sep= line names the delimiter and is skipped", arguments: [
        ("sep=;\r\na,b;c\r\n1,5;2\r\n", CSVDelimiter.semicolon, [2, 3], [["a,b", "c"], ["1,5", "2"]]),
        ("sep=\t\na;b\tc\n", .tab, [2], [["a;b", "c"]]),
        ("sep=,", .comma, [], []),
        ("sep=x\n1\n", .comma, [1, 2], [["sep=x"], ["1"]]),   // not a delimiter: an ordinary line
    ] as [(String, CSVDelimiter, [Int], [[String]])])
    func sepLine(text: String, delimiter: CSVDelimiter, rows: [Int], fields: [[String]]) throws {
        let reader = try CSVReader(data: Data(text.utf8))
        let records = try reader.readAll()
        #expect(reader.delimiter == delimiter)
        #expect(records.map(\.row) == rows)
        #expect(records.map(\.fields) == fields)
    }

    @Test("a UTF-8 byte-order mark is skipped and means UTF-8")
    func bom() throws {
        let reader = try CSVReader(data: Data([0xEF, 0xBB, 0xBF] + Array("дата;x\n1;2\n".utf8)))
        #expect(reader.hasByteOrderMark)
        #expect(try reader.readAll().first?.fields == ["дата", "x"])
        #expect(reader.encoding == .utf8)
        #expect(reader.delimiter == .semicolon)
    }

    @Test("Windows-1251 after 64 KiB of ASCII is detected at its first non-ASCII field")
    func lateCyrillic() throws {
        var text = "name;value\r\n"
        for i in 0..<5000 { text += "row\(i);\(i)\r\n" }
        text += "Хоргос;1\r\n"
        let bytes = TextEncoding.windows1251.encode(text).bytes
        #expect(bytes.count > CSVReader.chunkSize)
        let reader = try CSVReader(data: Data(bytes))
        #expect(reader.encoding == nil, "the first 64 KiB decide nothing")
        let records = try reader.readAll()
        #expect(records.last?.fields == ["Хоргос", "1"])
        #expect(records.last?.row == 5002)
        #expect(reader.encoding == .windows1251)
    }

    @Test("an explicit encoding is used (CP866)")
    func explicitEncoding() throws {
        let bytes = TextEncoding.cp866.encode("пост,вес\nАйбек,1\n").bytes
        let records = try CSVReader(data: Data(bytes), options: CSVOptions(encoding: .cp866)).readAll()
        #expect(records[1].fields == ["Айбек", "1"])
    }

    @Test("invalid UTF-8 after UTF-8 was detected marks the record, the others stay good")
    func invalidLater() throws {
        var bytes = Array("a;b\nй;1\n".utf8)
        bytes += Array(String(repeating: "x;1\n", count: CSVReader.chunkSize / 4).utf8)
        bytes += Array("x".utf8) + [0xC0] + Array(";2\nz;3\n".utf8)
        let reader = try CSVReader(data: Data(bytes))
        let records = try reader.readAll()
        #expect(reader.encoding == .utf8)
        #expect(records.filter(\.hasInvalidText).map(\.row) == [records.count - 1])
        #expect(records.last?.fields == ["z", "3"])
    }

    @Test("UTF-16 is refused with a message")
    func utf16() {
        #expect(throws: FormatError.self) { try CSVReader(data: Data([0xFF, 0xFE, 0x61, 0x00])) }
    }

    @Test("a CRLF split across the 64 KiB chunk boundary is one line break")
    func crlfAcrossChunks() throws {
        let first = "h\r\n" + String(repeating: "x", count: CSVReader.chunkSize - 4)  // CR is the chunk's last byte
        let records = try read(first + "\r\n\"q\r\nq\"\r\nlast\r\n", CSVOptions(delimiter: .comma))
        #expect(records.map(\.row) == [1, 2, 3, 5])
        #expect(records[2].fields == ["q\r\nq"])
    }

    @Test("a field over the limit is an error naming the record's row")
    func fieldLimit() throws {
        let text = "a,b\n1,2\n3,\"" + String(repeating: "z", count: 200) + "\"\n"
        let reader = try CSVReader(data: Data(text.utf8), options: CSVOptions(maxFieldBytes: 100))
        _ = try reader.next()
        _ = try reader.next()
        let error = try #require(throws: FormatError.self) { try reader.next() }
        #expect(error.location == "row 3")
        #expect(error.message.contains("longer than 100 bytes"))
    }

    @Test("a quote never closed is an error at the row where its record starts, not unbounded memory")
    func unclosedQuote() throws {
        let text = "a,b\n1,2\n3,\"open\n4,5\n6,7\n"
        let reader = try CSVReader(data: Data(text.utf8))
        #expect(try reader.next()?.row == 1)
        #expect(try reader.next()?.row == 2)
        let error = try #require(throws: FormatError.self) { try reader.next() }
        #expect(error.location == "row 3")
        #expect(error.message.contains("never closed"))
        let huge = "a\n\"" + String(repeating: "y\n", count: 600_000)
        let big = try CSVReader(data: Data(huge.utf8))
        _ = try big.next()
        let e2 = try #require(throws: FormatError.self) { try big.next() }
        #expect(e2.location == "row 2" && e2.message.contains("never closed?"))
    }

    @Test("too many fields is an error")
    func fieldCount() throws {
        let reader = try CSVReader(data: Data("a,b,c,d\n".utf8), options: CSVOptions(maxFields: 3))
        #expect(throws: FormatError.self) { try reader.next() }
    }

    @Test("an empty file has no records")
    func empty() throws {
        #expect(try read("").isEmpty)
        #expect(try read("\r\n\n").isEmpty)
    }
}
