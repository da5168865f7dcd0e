import Foundation
import Testing
@testable import GeoFormats

@Suite("Incident tables")
struct IncidentTableTests {
    @Test("fixtures give the incidents and rejections make_fixtures.py computed", arguments: CSVFixtures.names)
    func fixtures(name: String) throws {
        let expected = try CSVFixtures.expected(name)
        let path = try CSVFixtures.url(name + ".csv").path
        // Central Asia, roughly: stands in for the country polygons IncidentStore will pass.
        let reader = try IncidentTableReader(path: path) { lon, lat in (46...88).contains(lon) && (35...56).contains(lat) }
        let (records, rejections) = try reader.readAll()
        #expect(records.map(\.row) == expected.incidents.map(\.row), "rows that load")
        for (r, e) in zip(records, expected.incidents) {
            #expect(abs(r.lat - e.lat) < 1e-9 && abs(r.lon - e.lon) < 1e-9, "row \(r.row): \(r.lat), \(r.lon)")
            #expect(r.occurredAt.timeIntervalSince1970 == e.t, "row \(r.row) date")
            #expect(r.quantityKg == e.quantity_kg, "row \(r.row) quantity")
            #expect(r.id == e.id && r.category == e.category && r.substance == e.substance, "row \(r.row)")
            #expect(r.agency == e.agency && r.borderPost == e.border_post && r.source == e.source, "row \(r.row)")
            #expect(r.properties == e.properties, "row \(r.row) properties")
            #expect(r.sourceKey == e.source_key, "row \(r.row) key (hashlib)")
        }
        #expect(rejections.map(\.row) == expected.rejections.map(\.row), "rejected rows")
        for (r, e) in zip(rejections, expected.rejections) {
            #expect(r.reason.contains(e.reason), "row \(r.row): \(r.reason)")
            #expect(r.file == path)
        }
    }

    @Test("headers are matched in English and Russian, any case", arguments: [
        ("Дата", IncidentField.occurredAt), ("DATE", .occurredAt), ("occurred_at", .occurredAt), ("Дата и время", .occurredAt),
        ("Широта", .lat), ("Latitude", .lat), ("lat", .lat), ("Долгота", .lon), ("LNG", .lon), ("longitude", .lon),
        ("Координаты", .coordinates), ("coordinates", .coordinates), ("Категория", .category), ("Type", .category),
        ("Вещество", .substance), ("Количество", .quantityKg), ("Количество, кг", .quantityKg), ("количество_кг", .quantityKg),
        ("Вес (кг)", .quantityKg), ("quantity", .quantityKg), ("Ведомство", .agency), ("Пост", .borderPost),
        ("Погранпост", .borderPost), ("border post", .borderPost), ("ID", .id), ("Источник", .source), ("source", .source),
        ("Время", .time), ("time", .time),
    ])
    func headerNames(header: String, field: IncidentField) {
        #expect(IncidentField(header: header) == field)
    }

    @Test("headers that name no field", arguments: ["Примечание", "comment", "", "дата2", "latitude_err"])
    func unknownHeaders(header: String) {
        #expect(IncidentField(header: header) == nil)
    }

    @Test("an explicit mapping wins, the rest is matched by name, other columns go to properties")
    func explicitMapping() throws {
        let mapping = try IncidentColumnMapping(parsing: "lat=Y, lon=X,date=3, quantity = Масса")
        #expect(mapping.columns == [.lat: "Y", .lon: "X", .occurredAt: "3", .quantityKg: "Масса"])
        let table = try IncidentTable(header: ["X", "Y", "Когда", "Масса", "Широта", "Ведомство"], mapping: mapping, decimalComma: true)
        #expect(table.columns == [.lon: 0, .lat: 1, .occurredAt: 2, .quantityKg: 3, .agency: 5])
        guard case .record(let r) = table.convert(["69,2", "41,3", "01.02.2024", "5,5", "мусор", "ГПК"], row: 7) else {
            Issue.record("rejected")
            return
        }
        #expect(r.lat == 41.3 && r.lon == 69.2 && r.quantityKg == 5.5 && r.agency == "ГПК" && r.row == 7)
        #expect(r.properties == ["Широта": "мусор"])
    }

    @Test("a separate time column completes a date without a time")
    func timeColumn() throws {
        let table = try IncidentTable(header: ["Дата", "Время", "Широта", "Долгота"], decimalComma: true)
        #expect(table.columns[.time] == 1)
        let expected = try #require(Calendar(identifier: .gregorian).date(from: DateComponents(
            timeZone: TimeZone(secondsFromGMT: 0), year: 2024, month: 3, day: 5, hour: 14, minute: 30)))
        for values in [["05.03.2024", "14:30", "41,3", "69,2"], ["05.03.2024 14:30", "09:00", "41,3", "69,2"]] {
            guard case .record(let r) = table.convert(values, row: 2) else { Issue.record("rejected \(values)"); continue }
            #expect(r.occurredAt == expected)
            #expect(r.properties.isEmpty)
        }
        guard case .rejected(let r) = table.convert(["05.03.2024", "14 ч", "41,3", "69,2"], row: 2) else { Issue.record("accepted"); return }
        #expect(r.reason.hasPrefix("date:"))
    }

    @Test("bad mappings and headers are file errors", arguments: [
        ("lat", ["a"]), ("height=a", ["a"]), ("lat=a,lat=b", ["a", "b"]), ("lat=zz", ["a"]),
    ])
    func badMappings(text: String, header: [String]) {
        #expect(throws: FormatError.self) {
            try IncidentTable(header: header, mapping: IncidentColumnMapping(parsing: text), decimalComma: false)
        }
    }

    @Test("a header without date or coordinates is refused at row 1")
    func missingColumns() {
        let e1 = #expect(throws: FormatError.self) { try IncidentTable(header: ["lat", "lon"], file: "f.csv", decimalComma: false) }
        #expect(e1?.location == "row 1" && e1?.message.contains("no date column") == true)
        let e2 = #expect(throws: FormatError.self) { try IncidentTable(header: ["date", "lat"], decimalComma: false) }
        #expect(e2?.message.contains("no coordinate columns") == true)
    }

    @Test("row outcomes", arguments: [
        (["2024-01-01", "41.3", "69.2", "1.5"], nil),
        (["2024-01-01", "41.3", "69.2", ""], nil),
        (["", "41.3", "69.2", "1"], "missing date"),
        (["2024-01-01", "", "69.2", "1"], "missing latitude"),
        (["2024-01-01", "41.3", " ", "1"], "missing longitude"),
        (["2024-01-01", "91", "141.3", "1"], "outside -90...90"),
        (["2024-01-01", "69.2", "141.3", "1"], nil),                 // a valid point (nothing says otherwise)
        (["2024-01-01", "95", "41.3", "1"], "latitude and longitude look swapped"),
        (["2024-01-01", "-41.3", "-181", "1"], "longitude -181.0 is outside"),
        (["2024-01-01", "0", "0", "1"], "null island"),
        (["2024-01-01", "41.3", "69.2", "12 bags"], "quantity: '12 bags' is not a number"),
        (["2024-01-01", "41.3", "69.2", "-3"], "negative"),
        (["2024-01-01", "41.3", "69.2", "1,5"], "comma in a comma-delimited file"),
        (["2024-01-01", "41.3", "69.2", "1", "extra"], "row has 5 fields"),
        (["2024-01-01", "41.3", "69.2", "1", ""], nil),
        (["2024-01-01", "41.3"], "missing longitude"),
        (["31.02.2024", "41.3", "69.2", "1"], "date:"),
    ] as [([String], String?)])
    func outcomes(values: [String], reason: String?) throws {
        let table = try IncidentTable(header: ["date", "lat", "lon", "qty"], file: "in.csv", decimalComma: false)
        switch table.convert(values, row: 3) {
        case .record: #expect(reason == nil)
        case .rejected(let r):
            #expect(r.row == 3 && r.file == "in.csv")
            #expect(reason.map { r.reason.contains($0) } == true, "\(values): \(r.reason)")
        }
    }

    @Test("isPlausible catches swapped columns that are both in range")
    func plausibility() throws {
        // A crude box around Central Asia stands in for the country polygons IncidentStore will pass.
        let inRegion: (Double, Double) -> Bool = { lon, lat in (46...88).contains(lon) && (35...56).contains(lat) }
        let table = try IncidentTable(header: ["date", "lat", "lon"], decimalComma: false)
        let swapped = table.convert(["2024-01-01", "69.2", "41.3"], row: 2, isPlausible: inRegion)
        #expect(swapped == .rejected(RowRejection(file: nil, row: 2, reason: "latitude and longitude look swapped")))
        if case .rejected = table.convert(["2024-01-01", "41.3", "69.2"], row: 2, isPlausible: inRegion) { Issue.record("good row rejected") }
        // Outside the region either way: not called swapped (nothing else is decided by the hook).
        if case .rejected = table.convert(["2024-01-01", "48.8", "2.3"], row: 2, isPlausible: inRegion) { Issue.record("far point rejected") }
        // Without the hook, in-range swapped values pass: nothing shows they are swapped.
        if case .rejected = table.convert(["2024-01-01", "69.2", "41.3"], row: 2) { Issue.record("rejected without evidence") }
    }

    @Test("quantities", arguments: [
        ("12,5", true, 12.5), ("12.5", true, 12.5), ("1 234,5", true, 1234.5), ("1\u{A0}234,5", true, 1234.5),
        ("0,75 кг", true, 0.75), ("3 kg", false, 3), ("1,234.5", false, 1234.5), ("12,345,678", false, 12_345_678), ("7", false, 7),
    ] as [(String, Bool, Double)])
    func quantities(text: String, decimalComma: Bool, expected: Double) throws {
        #expect(try IncidentTable.parseQuantity(text, decimalComma: decimalComma) == expected)
    }

    @Test("not quantities", arguments: ["abc", "1e3", "inf", "nan", "1.2.3", "12,5", "1,23", "", "--1", "0x10"])
    func notQuantities(text: String) {
        #expect(throws: FormatError.self) { try IncidentTable.parseQuantity(text, decimalComma: false) }
    }

    @Test("source keys ignore column order, case of headers, encoding and file; change with any cell")
    func sourceKeys() throws {
        let a = IncidentTable.sourceKey(header: ["Дата", "Широта", "Note"], values: ["05.03.2024", "41,3", " x "])
        let b = IncidentTable.sourceKey(header: ["широта", "NOTE", "дата"], values: ["41,3", "x", "05.03.2024"])
        let c = IncidentTable.sourceKey(header: ["Дата", "Широта", "Note"], values: ["05.03.2024", "41,31", "x"])
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 64)
        let utf8 = try IncidentTableReader(data: Data("Дата;Широта;Долгота\n05.03.2024;41,3;69,2\n".utf8), name: "a.csv").readAll()
        let cp1251 = try IncidentTableReader(
            data: Data(TextEncoding.windows1251.encode("Долгота;Дата;Широта\r\n69,2;05.03.2024;41,3\r\n").bytes), name: "b.csv").readAll()
        #expect(utf8.records.first?.sourceKey == cp1251.records.first?.sourceKey)
    }

    @Test("SHA-256 matches the FIPS 180-4 examples", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(text: String, hex: String) {
        var h = SHA256()
        for byte in text.utf8 { h.update([byte]) }  // byte at a time exercises the block buffer
        #expect(h.finish().map { String(format: "%02x", $0) }.joined() == hex)
    }

    @Test("a broken file still delivers the rows before the break")
    func rowsBeforeBreak() throws {
        let text = "date,lat,lon\n2024-01-01,41.3,69.2\n2024-01-02,\"41.4,69.3\n"
        let reader = try IncidentTableReader(data: Data(text.utf8))
        guard case .record(let r)? = try reader.next() else { Issue.record("first row"); return }
        #expect(r.row == 2)
        let e = #expect(throws: FormatError.self) { try reader.next() }
        #expect(e?.location == "row 3")
    }

    @Test("an empty file is an error")
    func emptyFile() {
        #expect(throws: FormatError.self) { try IncidentTableReader(data: Data()) }
    }
}
