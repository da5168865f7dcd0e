import Foundation
import GeoCore
import Testing
@testable import GeoProjection

@Suite("CRS")
struct CRSTests {
    @Test func epsgCodesAreReadWithTheirProperties() throws {
        let wgs84 = try CRS("EPSG:4326")
        #expect(wgs84.isGeographic)
        #expect(wgs84.epsgCode == 4326)
        #expect(wgs84.name == "WGS 84")
        #expect(wgs84.unitName == "degree")

        let utm = try CRS(epsg: 32642)
        #expect(!utm.isGeographic)
        #expect(utm.epsgCode == 32642)
        #expect(utm.name == "WGS 84 / UTM zone 42N")
        #expect(utm.unitName == "metre")
    }

    @Test func projStringsAreAcceptedWithoutTypeCRS() throws {
        let albers = try CRS("+proj=aea +lat_0=45 +lon_0=65 +lat_1=38 +lat_2=52 +datum=WGS84 +units=m")
        #expect(!albers.isGeographic)
        #expect(albers.unitName == "metre")
        #expect(albers.definition.hasSuffix("+type=crs"))
        #expect(try albers.isEquivalent(to: CRS(Fixtures.albersCentralAsia)))
    }

    @Test func esriPrjTextIsEquivalentToEPSG4326() throws {
        let prj = try Fixtures.text("ca_admin0_countries.prj")
        #expect(prj.hasPrefix("GEOGCS[\"GCS_WGS_1984\""))
        let crs = try CRS(prj)
        #expect(crs.isGeographic)
        #expect(crs.epsgCode == 4326, "proj_identify should find EPSG:4326, got \(String(describing: crs.epsgCode))")
        #expect(try crs.isEquivalent(to: CRS(epsg: 4326)))
        #expect(try !crs.isEquivalent(to: CRS(epsg: 3857)))
    }

    @Test func esriWKTExportIsWhatAPrjHolds() throws {
        let esri = try CRS(epsg: 4326).wkt(.wkt1ESRI)
        #expect(esri.hasPrefix("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\""))
        #expect(!esri.contains("\n"))
        let utmESRI = try CRS(epsg: 32642).wkt(.wkt1ESRI)
        #expect(utmESRI.hasPrefix("PROJCS[\"WGS_1984_UTM_Zone_42N\""))
        // Round trip: the exported text reads back as the same CRS.
        #expect(try CRS(utmESRI).isEquivalent(to: CRS(epsg: 32642)))
        let wkt2 = try CRS(epsg: 32642).wkt(.wkt2_2019, multiline: true)
        #expect(wkt2.hasPrefix("PROJCRS[\"WGS 84 / UTM zone 42N\""))
        #expect(wkt2.contains("\n"))
        #expect(try CRS(wkt2).epsgCode == 32642)
    }

    @Test(arguments: ["EPSG:999999", "garbage text", "", "EPSG:", "PROJCS[\"x\",GEOGCS[\"y\"]]", "GEOGCS[\"broken\"", "+proj=nosuchprojection"])
    func unknownCRSThrowsWithPROJMessage(text: String) {
        do {
            _ = try CRS(text)
            Issue.record("expected \(text) to be rejected")
        } catch let error as ProjectionError {
            guard case let .invalidCRS(definition, message) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(definition.hasPrefix(text))
            #expect(!message.isEmpty)
            #expect(text.isEmpty || error.description.contains(text))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func unknownEPSGMessageNamesTheProblem() throws {
        let error = #expect(throws: ProjectionError.self) { try CRS(epsg: 999_999) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.lowercased().contains("not found") || text.contains("999999"), "message: \(text)")
    }

    @Test func operationIsNotACRS() {
        #expect(throws: ProjectionError.self) { try CRS("+proj=pipeline +step +proj=axisswap +order=2,1") }
    }

    @Test func missingDatabaseIsAClearError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-proj-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let error = #expect(throws: ProjectionError.self) { try ProjDatabase.path(searchPaths: [empty.path]) }
        guard case let .databaseNotFound(paths, _)? = error else {
            Issue.record("expected databaseNotFound, got \(String(describing: error))")
            return
        }
        #expect(paths == [empty.path])
        #expect(error?.description.contains("proj.db") == true)
        #expect(try ProjDatabase.path().hasSuffix("proj.db"))
    }
}

@Suite("CRS from .prj text")
struct PrjTextTests {
    @Test func byteOrderMarkAndTrailingNewlineAreIgnored() throws {
        let prj = try Fixtures.text("ca_admin0_countries.prj")
        let crs = try CRS("\u{FEFF}" + prj + "\r\n")
        #expect(try crs.isEquivalent(to: CRS(epsg: 4326)))
    }

    @Test func ourESRIExportReadsBackAsTheSameCRS() throws {
        let albers = try CRS(Fixtures.albersCentralAsia)
        let esri = try albers.wkt(.wkt1ESRI)
        #expect(esri.hasPrefix("PROJCS["))
        #expect(esri.contains("Albers"))
        #expect(try CRS(esri).isEquivalent(to: albers))
    }
}
