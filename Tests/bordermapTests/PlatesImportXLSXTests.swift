import Foundation
import Testing
import TestSupport

/// `bordermap plates import` of an XLSX workbook written by Python's zipfile (inline strings and
/// numbers, no styles), checked with the sqlite3 shell.
@Suite(.serialized) struct PlatesImportXLSXTests {
    typealias CLI = CommandLineTests

    static let script = #"""
        import sys, zipfile
        from xml.sax.saxutils import escape
        rows = [["номер", "камера", "время", "долгота", "широта", "источник"],
                ["SYN-X1", "C01", "2024-03-05T10:00:00Z", 74.59, 42.87, "synthetic"],
                ["SYN-X2", "C02", "05.03.2024 10:05", "74,6", "42,9", "synthetic"],
                ["SYN-X3", "C03", "not a time", 74.6, 42.9, "synthetic"]]
        def cell(ref, v):
            if isinstance(v, (int, float)):
                return '<c r="%s"><v>%r</v></c>' % (ref, v)
            return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v))
        sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for i, r in enumerate(rows, 1):
            sheet.append('<row r="%d">' % i + ''.join(cell('%s%d' % ('ABCDEF'[j], i), v) for j, v in enumerate(r)) + '</row>')
        sheet.append('</sheetData></worksheet>')
        with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
            z.writestr('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
            z.writestr('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
            z.writestr('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="ANPR" sheetId="1" r:id="rId1"/></sheets></workbook>')
            z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
            z.writestr('xl/worksheets/sheet1.xml', ''.join(sheet))
        """#

    @Test func importsAWorkbookWithRejects() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/anpr.xlsx", db = "\(dir)/incidents.sqlite"
        try Self.script.write(toFile: "\(dir)/make.py", atomically: true, encoding: .utf8)
        let made = try CLI.run(PythonOracle.python, ["\(dir)/make.py", file])
        #expect(made.status == 0, "\(made.stderr)")
        let r = try CLI.bordermap("plates", "import", file, "--db", db, "--sheet", "ANPR")
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("read 3, stored 2, duplicates 0, rejected 1"), "\(r.stdout) \(r.stderr)")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(rejects.contains("\r\n4,\"time: 'not a time' is not a date"), "sheet row 4: \(rejects)")
        #expect(try IncidentCommandsTests.sqlite3(db, "SELECT plate || ' ' || time_ms || ' ' || lon || ' ' || lat FROM sightings ORDER BY time_ms")
                == "SYN-X1 1709632800000 74.59 42.87\nSYN-X2 1709633100000 74.6 42.9")
    }
}
