import Foundation
import Testing
@testable import GeoFormats

@Suite("CSV delimiter sniffing")
struct CSVDelimiterSnifferTests {
    @Test("the delimiter with consistent counts wins", arguments: [
        ("a,b,c\n1,2,3\n", CSVDelimiter.comma),
        ("a;b;c\n1,5;2,5;3\n4;5,25;6\n", .semicolon),             // decimal commas
        ("дата;широта;долгота\n05.03.2024;41,3;69,2\n", .semicolon),
        ("a\tb\n1,5\t2;3\n", .tab),
        ("a,b\n\"x;y;z\",1\n\"p;q\",2\n", .comma),                 // candidates inside quotes do not count
        ("coords;date\n\"41.3, 69.2\";2024-01-01\n", .semicolon),
        ("name\nAibek\n", .comma),                                  // one column: default
        ("a;b,c\n1;2,3\n4;5\n", .semicolon),                        // ';' consistent, ',' not
        ("a,b;c\n1,2;3;x\n4,5;6\n", .comma),                       // ',' consistent, ';' not
        ("a\tb\tc\n\"x\ny\"\t1\t2\n", .tab),                        // quoted line break does not end the record
    ])
    func sniff(text: String, expected: CSVDelimiter) {
        #expect(CSVDelimiterSniffer.sniff(Array(text.utf8)[...], complete: true) == expected)
    }

    @Test("encoding verdicts", arguments: [
        (Array("plain".utf8), CSVEncodingDetection.Verdict.ascii),
        (Array("дата".utf8), .utf8),
        (TextEncoding.windows1251.encode("дата;широта").bytes, .windows1251),
        (Array("дата".utf8).dropLast(1).map { $0 }, .utf8),       // a sample cut inside a character
        ([0x41, 0xC0, 0x41], .windows1251),
    ])
    func verdicts(bytes: [UInt8], expected: CSVEncodingDetection.Verdict) {
        #expect(CSVEncodingDetection.judge(bytes[...]) == expected)
    }
}
