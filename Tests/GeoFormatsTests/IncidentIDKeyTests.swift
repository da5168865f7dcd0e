import Foundation
import GeoFormats
import TestSupport
import Testing

/// The re-import key taken from an id column (`IncidentColumnMapping.keyByID`), checked against
/// `sha256sum` of the documented text, and the repeat check over the rows of one file.
@Suite struct IncidentIDKeyTests {
    /// The same three incidents, once as exported and once re-exported with other date and
    /// number formats, another delimiter and column order, and padded cells.
    static let export = """
        case_no,date,lat,lon,category,quantity_kg
        KG-17,2024-03-05,42.87,74.59,seizure,1.5
        KG-18,2024-03-06,41.5,72.1,detention,
        KG-19,2024-03-07,40.1,70.9,seizure,0.25

        """
    static let reexport = """
        category;case_no;quantity_kg;lon;lat;date
        seizure; KG-17 ;1,50;74,590;42,870;05.03.2024
        detention;KG-18;;72,10;41,50;06.03.2024
        seizure;KG-19;0,250;70,90;40,10;07.03.2024

        """

    static func rows(_ text: String, mapping: IncidentColumnMapping) throws -> (records: [IncidentRecord], rejections: [RowRejection]) {
        try IncidentTableReader(data: Data(text.utf8), name: "t.csv", mapping: mapping).readAll()
    }

    @Test func theIDKeyIsSHA256OfTheDocumentedText() throws {
        // printf 'bordermap-id\035KG-17' | sha256sum — computed by coreutils, not by our SHA-256.
        let r = try Tool.run(["sh", "-c", "printf 'bordermap-id\\035KG-17' | sha256sum"])
        let expected = String(r.output.prefix(64))
        #expect(expected.count == 64, "\(r.output) \(r.stderr)")
        #expect(IncidentTable.sourceKey(id: "KG-17") == expected)
        #expect(IncidentTable.sourceKey(id: "  KG-17 ") == expected, "the id is trimmed")
    }

    @Test func aReformattedReExportKeysTheSameByIDButNotByContent() throws {
        let mapping = try IncidentColumnMapping().keyed(byIDColumn: "case_no")
        let a = try Self.rows(Self.export, mapping: mapping), b = try Self.rows(Self.reexport, mapping: mapping)
        #expect(a.rejections.isEmpty && b.rejections.isEmpty, "\(a.rejections) \(b.rejections)")
        #expect(a.records.map(\.sourceKey) == b.records.map(\.sourceKey))
        #expect(a.records.map(\.sourceKey) == ["KG-17", "KG-18", "KG-19"].map { IncidentTable.sourceKey(id: $0) })
        #expect(a.records.map(\.id) == ["KG-17", "KG-18", "KG-19"], "the id column is the incidents' id too")
        // Keyed by content (the default), the re-export looks like three new incidents.
        let c = try Self.rows(Self.export, mapping: IncidentColumnMapping()), d = try Self.rows(Self.reexport, mapping: IncidentColumnMapping())
        #expect(Set(c.records.map(\.sourceKey)).isDisjoint(with: d.records.map(\.sourceKey)))
    }

    @Test func aRowWithoutAnIDIsRejectedAndTheIDColumnMustExist() throws {
        let mapping = try IncidentColumnMapping().keyed(byIDColumn: "case_no")
        let r = try Self.rows("case_no,date,lat,lon\n,2024-03-05,42.87,74.59\nKG-2,2024-03-05,42.87,74.59\n", mapping: mapping)
        #expect(r.records.map(\.row) == [3])
        #expect(r.rejections.map(\.row) == [2])
        #expect(r.rejections.first?.reason.contains("missing id (column case_no is the re-import key)") == true, "\(r.rejections)")
        #expect(throws: FormatError.self) { _ = try Self.rows("date,lat,lon\n2024-03-05,42.87,74.59\n", mapping: mapping) }
        #expect(throws: FormatError.self) { _ = try IncidentColumnMapping(parsing: "id=number").keyed(byIDColumn: "case_no") }
        #expect(try IncidentColumnMapping(parsing: "id=case_no").keyed(byIDColumn: "Case No").keyByID)
    }

    @Test func identicalRowsOfOneFileAreRepeatsNamingTheEarlierRow() throws {
        let text = """
            date,lat,lon,category
            2024-03-05,42.87,74.59,seizure
            2024-03-06,41.5,72.1,detention
            2024-03-05,42.87,74.59,seizure
            2024-03-05, 42.87 ,74.59,seizure
            2024-03-05,42.87,74.59,detention

            """
        let records = try Self.rows(text, mapping: IncidentColumnMapping()).records
        var check = IncidentRepeatCheck(keyedByID: false)
        let outcomes = records.map { check.check($0) }
        // Rows 4 and 5 repeat row 2 (cells are compared trimmed); row 6 differs in its category.
        #expect(outcomes == [.first, .first, .repeats(row: 2), .repeats(row: 2), .first])
    }

    @Test func withIDKeysTheSameIDWithOtherValuesConflicts() throws {
        let text = """
            case_no,date,lat,lon,category,note
            A1,2024-03-05,42.87,74.59,seizure,x
            A2,2024-03-06,41.5,72.1,detention,
            A1,05.03.2024,42.870,74.590,seizure,x
            A2,2024-03-06,41.5,72.1,seizure,
            A2,2024-03-06,41.5,72.1,detention,y

            """
        let mapping = try IncidentColumnMapping().keyed(byIDColumn: "case_no")
        let records = try Self.rows(text, mapping: mapping).records
        var check = IncidentRepeatCheck(keyedByID: true)
        let outcomes = records.map { check.check($0) }
        // Row 4 is row 2 reformatted (same values); row 5 changes the category, row 6 a property.
        #expect(outcomes == [.first, .first, .repeats(row: 2), .conflicts(row: 3), .conflicts(row: 3)])
    }
}
