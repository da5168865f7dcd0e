import Foundation
import Testing
import TestSupport

/// `bordermap plates …` on the seeded synthetic table (`PlatesSyntheticData`) with planted
/// clone, convoy and round trip; outputs read back with GDAL's ogrinfo, Python's xml.etree and
/// the sqlite3 shell.
@Suite(.serialized) struct PlatesCommandsTests {
    typealias CLI = CommandLineTests
    typealias D = PlatesSyntheticData

    /// A temporary folder with the synthetic table imported into an SQLite database.
    static func imported() throws -> (dir: String, db: String, rows: Int) {
        let dir = try CLI.tempDir()
        let rows = D.rows()
        try D.csv(rows).write(toFile: "\(dir)/anpr.csv", atomically: true, encoding: .utf8)
        let db = "\(dir)/incidents.sqlite"
        let r = try CLI.bordermap("plates", "import", "\(dir)/anpr.csv", "--db", db)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("read \(rows.count), stored \(rows.count), duplicates 0, rejected 0"), "\(r.stdout)")
        return (dir, db, rows.count)
    }

    /// ogrinfo's feature count of a GeoJSON file and its full text.
    static func ogr(_ path: String) throws -> (count: Int, text: String) {
        let r = try CLI.run("ogrinfo", ["-al", "-q", path])
        #expect(r.status == 0, "\(r.stderr)")
        return (r.stdout.components(separatedBy: "OGRFeature(").count - 1, r.stdout)
    }

    @Test func importStoresEverySyntheticRowOnceAndTheDatabaseHoldsThem() throws {
        let (dir, db, n) = try Self.imported()
        #expect(try IncidentCommandsTests.sqlite3(db, "SELECT count(*) FROM sightings") == "\(n)")
        #expect(try IncidentCommandsTests.sqlite3(db, "SELECT count(*) FROM sightings WHERE plate NOT LIKE 'SYN-%' OR source <> 'synthetic'") == "0")
        #expect(try IncidentCommandsTests.sqlite3(db, "SELECT count(*) FROM incidents") == "0")
        let again = try CLI.bordermap("plates", "import", "\(dir)/anpr.csv", "--db", db)
        #expect(again.status == 0)
        #expect(again.stdout.contains("stored 0, duplicates \(n), rejected 0"), "\(again.stdout)")
        let indexes = try IncidentCommandsTests.sqlite3(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sightings' ORDER BY 1")
        #expect(indexes.contains("sightings_plate_time") && indexes.contains("sightings_camera_time"), "\(indexes)")
    }

    @Test func clonesFindsExactlyThePlantedClone() throws {
        let (dir, db, _) = try Self.imported()
        let out = "\(dir)/clones.geojson"
        let r = try CLI.bordermap("plates", "clones", "--db", db, "--max-speed", "200", "--out", out)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 impossible moves (over 200 km/h) on 1 plates"), "\(r.stdout)")
        let (count, text) = try Self.ogr(out)
        #expect(count == 1, "\(text)")
        #expect(text.contains("plate (String) = SYN-CL001"))
        #expect(text.contains("camera_1 (String) = C02") && text.contains("camera_2 (String) = FAR"))
        #expect(text.contains("minutes (Real) = 30"))
    }

    @Test func theIncidentFilterOptionsSelectSightingsAndRefuseCategories() throws {
        let (dir, db, _) = try Self.imported()
        let out = "\(dir)/clones.geojson"
        // The box holds the highway cameras but not FAR (Tashkent): the planted clone's far
        // reading is not read, so no impossible move is left.
        let boxed = try CLI.bordermap("plates", "clones", "--db", db, "--max-speed", "200", "--bbox", "73,42,76,44", "--out", out)
        #expect(boxed.status == 0, "\(boxed.stderr)")
        #expect(boxed.stdout.contains("0 impossible moves"), "\(boxed.stdout)")
        let category = try CLI.bordermap("plates", "clones", "--db", db, "--category", "smuggling", "--out", out)
        #expect(category.status != 0)
        #expect(category.stderr.contains("--category and --substance select incidents"), "\(category.stderr)")
    }

    @Test func convoysFindsThePlantedMemberAndWritesGraphMLAndLinkTable() throws {
        let (dir, db, _) = try Self.imported()
        let out = "\(dir)/convoys.geojson", graphml = "\(dir)/net.graphml", links = "\(dir)/links.csv"
        let r = try CLI.bordermap("plates", "convoys", "--db", db, "--plate", "syn-t001", "--window", "2min", "--min-cameras", "3",
                                  "--out", out, "--graphml", graphml, "--links", links)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 convoy members"), "\(r.stdout)")
        let (count, text) = try Self.ogr(out)
        #expect(count == 1, "\(text)")
        #expect(text.contains("plate (String) = SYN-M001"))
        #expect(text.contains("events (Integer") && text.contains("= 20"), "\(text)")
        #expect(text.contains("journeys (Integer") , "\(text)")
        #expect(text.contains("MULTIPOINT"), "\(text)")
        // GraphML read by Python's xml.etree: two vehicles, one co-travel edge with 20 events at 10 cameras.
        let script = """
            import sys, xml.etree.ElementTree as ET
            ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}
            root = ET.parse(sys.argv[1]).getroot()
            nodes = root.findall('.//g:node', ns); edges = root.findall('.//g:edge', ns)
            plates = sorted(n.find("g:data[@key='plate']", ns).text for n in nodes)
            e = edges[0]
            d = {x.get('key'): x.text for x in e.findall('g:data', ns)}
            print(len(nodes), len(edges), ','.join(plates), d['link_type'], d['count'], d['cameras'])
            """
        try script.write(toFile: "\(dir)/graphml.py", atomically: true, encoding: .utf8)
        let py = try CLI.run(PythonOracle.python, ["\(dir)/graphml.py", graphml])
        #expect(py.status == 0, "\(py.stderr)")
        #expect(py.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "2 1 SYN-M001,SYN-T001 co-travel 20 10", "\(py.stdout)")
        // The link table: header and the one link, first and last times from the planted timetable.
        let table = try String(contentsOfFile: links, encoding: .utf8)
        let lines = table.components(separatedBy: "\r\n")
        #expect(lines[0] == "Entity1_ID,Entity1_Type,Entity2_ID,Entity2_Type,Link_Type,First_Time,Last_Time,Count")
        let last = D.trip(start: D.targetStarts[1].start, eastbound: false, kmh: 70).last?.1 ?? 0
        let lastText = Date(timeInterval: (last.rounded() + D.convoyDelay), since: D.day0).formatted(.iso8601)
        #expect(lines[1] == "SYN-T001,Vehicle,SYN-M001,Vehicle,co-travel,2024-03-05T10:00:00Z,\(lastText),20", "\(table)")
    }

    @Test func journeysOfTheTargetAsLinesAndAlongTheRoads() throws {
        let (dir, db, _) = try Self.imported()
        let straight = "\(dir)/journeys.geojson", roads = "\(dir)/journeys-roads.geojson"
        let r = try CLI.bordermap("plates", "journeys", "--db", db, "--plate", "SYN-T001", "--max-gap", "6h", "--out", straight)
        #expect(r.status == 0, "\(r.stderr)")
        let (count, text) = try Self.ogr(straight)
        #expect(count == 2, "two journeys a day apart: \(text)")
        #expect(text.contains("sightings (Integer") && text.contains("cameras (String) = C01>C02>C03>C04>C05>C06>C07>C08>C09>C10"), "\(text)")
        // Along ca_roads.shp the legs follow the highway whose vertices the cameras stand on:
        // more vertices than the ten cameras, and never shorter than the straight legs.
        let n = try CLI.bordermap("plates", "journeys", "--db", db, "--plate", "SYN-T001", "--network", "\(CLI.shapefiles)/ca_roads.shp", "--out", roads)
        #expect(n.status == 0, "\(n.stderr)")
        let (roadCount, roadText) = try Self.ogr(roads)
        #expect(roadCount == 2)
        let vertices = Self.firstLineVertexCount(roadText)
        #expect(vertices > 10, "\(vertices) vertices: \(roadText.prefix(2000))")
        let straightKm = Self.doubles("length_km (Real) = ", text), roadKm = Self.doubles("length_km (Real) = ", roadText)
        #expect(straightKm.count == 2 && roadKm.count == 2)
        for (s, k) in zip(straightKm, roadKm) { #expect(k >= s - 1e-6, "road \(k) km against straight \(s) km") }
    }

    @Test func journeysAlongAProjectedRoadsFileMatchTheSameRoadsInLonLat() throws {
        let (dir, db, _) = try Self.imported()
        // The roads around the target's cameras, once as they are (WGS 84) and once by GDAL in
        // UTM zone 43N (EPSG:32643, metres, declared in the .prj).
        let box = ["-spat", "73.5", "42.5", "75.6", "43.7"]
        let lonLat = "\(dir)/roads-lonlat.shp", utm = "\(dir)/roads-utm.shp"
        let a = try CLI.run("ogr2ogr", box + [lonLat, "\(CLI.shapefiles)/ca_roads.shp"])
        #expect(a.status == 0, "\(a.stderr)")
        let b = try CLI.run("ogr2ogr", ["-t_srs", "EPSG:32643"] + box + [utm, "\(CLI.shapefiles)/ca_roads.shp"])
        #expect(b.status == 0, "\(b.stderr)")
        let prj = try String(contentsOfFile: "\(dir)/roads-utm.prj", encoding: .utf8)
        #expect(prj.contains("UTM") && prj.contains("43N"), "\(prj)")
        var texts: [String] = [], lines: [[[Double]]] = []
        for roads in [lonLat, utm] {
            let out = roads + ".journeys.geojson"
            let r = try CLI.bordermap("plates", "journeys", "--db", db, "--plate", "SYN-T001", "--network", roads, "--out", out)
            #expect(r.status == 0, "\(r.stderr)")
            texts.append(try Self.ogr(out).text)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any]
            let first = try #require((json?["features"] as? [[String: Any]])?.first?["geometry"] as? [String: Any])
            // Consecutive vertices closer than 1e-7° are one (a snapped end may repeat a camera).
            var line: [[Double]] = []
            for p in try #require(first["coordinates"] as? [[Double]]) {
                if let last = line.last, abs(last[0] - p[0]) < 1e-7, abs(last[1] - p[1]) < 1e-7 { continue }
                line.append(p)
            }
            lines.append(line)
        }
        // Read in metres without its CRS, every camera would be far from every road and the legs
        // straight (ten vertices); transformed, the legs follow the same road vertices as in lon/lat.
        #expect(lines[0].count > 10 && lines[1].count == lines[0].count, "\(lines[0].count) and \(lines[1].count) vertices")
        for (a, b) in zip(lines[0], lines[1]) { #expect(abs(a[0] - b[0]) < 1e-6 && abs(a[1] - b[1]) < 1e-6, "\(a) vs \(b)") }
        let km = texts.map { Self.doubles("length_km (Real) = ", $0) }
        #expect(km[0].count == 2 && km[1].count == 2)
        for (x, y) in zip(km[0], km[1]) { #expect(abs(x - y) < 0.01, "lon/lat \(x) km, UTM \(y) km") }
    }

    @Test func roundTripsFindsThePlantedTripOnly() throws {
        let (dir, db, _) = try Self.imported()
        try D.cameraTable.write(toFile: "\(dir)/cameras.csv", atomically: true, encoding: .utf8)
        let out = "\(dir)/trips.geojson"
        let r = try CLI.bordermap("plates", "round-trips", "--db", db, "--cameras", "\(dir)/cameras.csv", "--out", out)
        #expect(r.status == 0, "\(r.stderr)")
        let (count, text) = try Self.ogr(out)
        #expect(count == 1, "\(text)")
        #expect(text.contains("plate (String) = SYN-RT001") && text.contains("home (String) = KGZ") && text.contains("visited (String) = KAZ"))
        #expect(text.contains("hours (Real) = 4.333"), "out 05:00, back 09:20: \(text)")
    }

    @Test func aLargeFileIsStreamedWithTheSameCounts() throws {
        // 12 000 distinct synthetic rows (three batches of the store's 5 000), with a copy of a row
        // 6 000 rows back after every 500th row (duplicates across batches) and a row without a
        // plate after every 1 500th (rejects).
        let dir = try CLI.tempDir()
        let file = "\(dir)/large.csv", db = "\(dir)/incidents.sqlite"
        func row(_ i: Int) -> String {
            String(format: "SYN-L%05d,C%02d,2024-03-05T%02d:%02d:%02dZ,74.%04d,42.%04d,synthetic",
                   i % 997, i % 10 + 1, i / 3600 % 24, i / 60 % 60, i % 60, i % 10_000, i % 9_973)
        }
        var lines = [D.header], distinct = 0, duplicates = 0, rejected = 0
        for i in 0..<12_000 {
            lines.append(row(i))
            distinct += 1
            if i % 500 == 499, i >= 6_000 {
                lines.append(row(i - 6_000))
                duplicates += 1
            }
            if i % 1_500 == 1_499 {
                lines.append(",C01,2024-03-05T10:00:00Z,74.5,42.5,synthetic")
                rejected += 1
            }
        }
        #expect(distinct == 12_000 && duplicates == 12 && rejected == 8)
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.bordermap("plates", "import", file, "--db", db)
        #expect(r.status == 3, "rejected rows give exit status 3: \(r.stderr)")
        #expect(r.stdout.contains("read \(distinct + duplicates + rejected), stored \(distinct), duplicates \(duplicates), "
                                  + "rejected \(rejected) (997 plates)"), "\(r.stdout)")
        #expect(try IncidentCommandsTests.sqlite3(db, "SELECT count(*) FROM sightings") == "\(distinct)")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        #expect(rejects.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == rejected + 1)
        let again = try CLI.bordermap("plates", "import", file, "--db", db)
        #expect(again.stdout.contains("stored 0, duplicates \(distinct + duplicates), rejected \(rejected)"), "\(again.stdout)")
    }

    @Test func badRowsGoToTheRejectsFileWithRowNumbersAndExitStatus3() throws {
        let dir = try CLI.tempDir()
        let file = "\(dir)/bad.csv", db = "\(dir)/incidents.sqlite"
        try """
            номер;камера;время;долгота;широта;источник
            syn-001 ab;C01;05.03.2024 10:00;74,59;42,87;synthetic
            ;C01;05.03.2024 10:01;74,59;42,87;synthetic
            SYN-002;C02;32.13.2024 10:00;74,6;42,9;synthetic
            SYN-003;C03;2024-03-05T10:02:00Z;74,6;95;synthetic
            SYN-004;;2024-03-05T10:03:00Z;74,6;42,9;synthetic
            SYN-005;C05;2024-03-05T10:04:00Z;74,6;42,9;synthetic

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try CLI.bordermap("plates", "import", file, "--db", db)
        #expect(r.status == 3, "\(r.stdout) \(r.stderr)")
        #expect(r.stdout.contains("read 6, stored 2, duplicates 0, rejected 4"), "\(r.stdout)")
        let rejects = try String(contentsOfFile: file + ".rejects.csv", encoding: .utf8)
        let lines = rejects.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 5, "\(rejects)")
        #expect(lines[0] == "row,reason,номер,камера,время,долгота,широта,источник")
        #expect(lines[1].hasPrefix("3,missing plate,"), "\(lines[1])")
        #expect(lines[2].hasPrefix("4,time: "), "\(lines[2])")
        #expect(lines[3].hasPrefix("5,latitude and longitude look swapped,"), "\(lines[3])")
        #expect(lines[4].hasPrefix("6,missing camera,"), "\(lines[4])")
        #expect(try IncidentCommandsTests.sqlite3(db, "SELECT plate || ' ' || time_ms || ' ' || lon FROM sightings ORDER BY time_ms")
                == "SYN-001AB 1709632800000 74.59\nSYN-005 1709633040000 74.6")
    }

    /// Vertices of the first LINESTRING in ogrinfo output.
    static func firstLineVertexCount(_ text: String) -> Int {
        guard let start = text.range(of: "LINESTRING (") else { return 0 }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return 0 }
        return rest[..<end].split(separator: ",").count
    }

    /// The numbers after each occurrence of `prefix`.
    static func doubles(_ prefix: String, _ text: String) -> [Double] {
        text.components(separatedBy: "\n").compactMap { line in
            guard let r = line.range(of: prefix) else { return nil }
            return Double(line[r.upperBound...].trimmingCharacters(in: .whitespaces))
        }
    }
}
