import Foundation
import GeoCore
import GeoFormats
import GeoProjection
import GeoTopology
import Testing
@testable import IncidentStore

@Suite struct DemoIncidentsTests {
    @Test func sameSeedGivesSameRecordsAndRunsArePrefixes() throws {
        let a = try DemoIncidents.generate(count: 300, seed: 7, dataDirectory: DemoTestData.shapefiles)
        let b = try DemoIncidents.generate(count: 300, seed: 7, dataDirectory: DemoTestData.shapefiles)
        let short = try DemoIncidents.generate(count: 120, seed: 7, dataDirectory: DemoTestData.shapefiles)
        let other = try DemoIncidents.generate(count: 300, seed: 8, dataDirectory: DemoTestData.shapefiles)
        #expect(a == b)
        #expect(Array(a.prefix(120)) == short)
        let same = zip(a, other).filter { $0.lon == $1.lon && $0.lat == $1.lat }.count
        #expect(same == 0, "another seed moves every point")
    }

    /// Pins the first records of the default run, so a change of the model or the generator's
    /// arithmetic is noticed (update these values only on purpose).
    @Test func defaultRunIsPinned() throws {
        let records = try DemoTestData.records()
        #expect(records.count == 20_000)
        let first = records[0], second = records[1], last = records[19_999]
        #expect(first.id == "demo-0" && first.sourceKey == "synthetic-2026-0" && first.row == 2)
        #expect(DateParsing.iso8601(first.occurredAt) == "2024-11-04T02:09:00Z")
        #expect(first.lon == 63.602 && first.lat == 39.07271)
        #expect(first.category == "seizure" && first.substance == "hashish" && first.quantityKg == 3.893)
        #expect(first.agency == "Police" && first.borderPost == "Türkmenabat post")
        #expect(first.properties == ["synthetic": "1", "anchor": "town Türkmenabat", "country": "TKM"])
        #expect(second.lon == 70.85852 && second.lat == 42.25281 && second.properties["anchor"] == "border KAZ-KGZ")
        #expect(DateParsing.iso8601(last.occurredAt) == "2023-03-30T02:30:00Z")
        #expect(last.lon == 79.25469 && last.lat == 42.65169 && last.category == "detention")
    }

    @Test func everyRecordIsLabelledSynthetic() throws {
        let records = try DemoTestData.records()
        for (i, r) in records.enumerated() {
            #expect(r.source == "synthetic")
            #expect(r.properties["synthetic"] == "1")
            #expect(r.id == "demo-\(i)")
            #expect(r.sourceKey == "synthetic-2026-\(i)")
            #expect(r.borderPost?.hasSuffix(" post") == true)
            if r.source != "synthetic" || r.id != "demo-\(i)" { break }
        }
        #expect(Set(records.map(\.sourceKey)).count == records.count)
    }

    @Test func pointsLieInCoreCountriesAndNotInLakes() throws {
        let records = try DemoTestData.records()
        var countries: [(String, BoundingBox, PreparedGeometry)] = []
        for f in try DemoTestData.features("ca_admin0_countries.shp") {
            guard let code = f["ADM0_A3"].stringValue, DemoTestData.core.contains(code), let g = f.geometry,
                  let box = g.boundingBox else { continue }
            countries.append((code, box, try PreparedGeometry(g)))
        }
        #expect(countries.count == 6)
        var lakes: [(BoundingBox, PreparedGeometry)] = []
        for f in try DemoTestData.features("ca_lakes.shp") {
            guard let g = f.geometry, let box = g.boundingBox else { continue }
            lakes.append((box, try PreparedGeometry(g)))
        }
        var outside = 0, inLake = 0
        for r in records {
            let c = Coordinate(r.lon, r.lat)
            let point = Geometry.point(Point(c))
            // The Geometry overload asks GEOS itself (not the band index the generator uses).
            let hit = try countries.first { try $0.1.contains(c) && $0.2.contains(point) }
            if hit == nil { outside += 1 } else if r.properties["country"] != hit?.0 { outside += 1 }
            if try lakes.contains(where: { try $0.0.contains(c) && $0.1.intersects(point) }) { inLake += 1 }
        }
        #expect(outside == 0)
        #expect(inLake == 0)
    }

    @Test func datesStayInYearsWithSeasonality() throws {
        let records = try DemoTestData.records()
        var byMonth = [Int](repeating: 0, count: 13)
        var years = Set<Int>()
        for r in records {
            let c = DemoTestData.components(r.occurredAt)
            let year = try #require(c.year), month = try #require(c.month)
            #expect((2021...2025).contains(year))
            years.insert(year)
            byMonth[month] += 1
        }
        #expect(years == Set(2021...2025))
        let harvest = byMonth[8] + byMonth[9] + byMonth[10]
        let winter = byMonth[12] + byMonth[1] + byMonth[2]
        // Designed ratio 4.45 / 1.45 ≈ 3.1; 20 000 draws put it within a few per cent.
        #expect(Double(harvest) > 2.5 * Double(winter), "Aug–Oct \(harvest), Dec–Feb \(winter)")
        #expect(byMonth[9] > byMonth[1] * 3)
    }

    @Test func mostIncidentsLieNearCoreBorders() throws {
        let records = try DemoTestData.records()
        let lines = try DemoTestData.borderLines { DemoTestData.core.contains($0) || DemoTestData.core.contains($1) }
        let measure = try DemoTestData.BorderDistance(lines: lines)
        var near = 0
        for r in records where try measure.distance(lon: r.lon, lat: r.lat, limit: 25_000) != nil { near += 1 }
        let share = Double(near) / Double(records.count)
        // 75 % are border-anchored (99 % of those within 18 km); towns near borders add more.
        #expect(share > 0.75, "share within 25 km: \(share)")
        #expect(share < 0.98, "towns inland must contribute: \(share)")
    }

    @Test func substanceMixDiffersBetweenAfghanBorderAndNorth() throws {
        let records = try DemoTestData.records().filter { $0.category == "seizure" }
        let afghanLines = try DemoTestData.borderLines { $0 == "AFG" || $1 == "AFG" }
        let measure = try DemoTestData.BorderDistance(lines: afghanLines)
        var south: [String: Int] = [:], north: [String: Int] = [:]
        for r in records {
            guard let s = r.substance else { continue }
            if try measure.distance(lon: r.lon, lat: r.lat, limit: 30_000) != nil {
                south[s, default: 0] += 1
            } else if r.lat > 42 {
                north[s, default: 0] += 1
            }
        }
        func share(_ d: [String: Int], _ keys: [String]) -> Double {
            Double(keys.reduce(0) { $0 + (d[$1] ?? 0) }) / Double(max(1, d.values.reduce(0, +)))
        }
        let opiates = ["heroin", "opium"]
        #expect(south.values.reduce(0, +) > 1_000 && north.values.reduce(0, +) > 500)
        #expect(share(south, opiates) > 0.4, "opiates near AFG: \(share(south, opiates))")
        #expect(share(north, opiates) < 0.25, "opiates in the north: \(share(north, opiates))")
        #expect(share(north, ["hashish"]) > share(south, ["hashish"]) + 0.1)
    }

    @Test func methamphetamineRisesOverTheYears() throws {
        let seizures = try DemoTestData.records().filter { $0.category == "seizure" }
        func methShare(_ year: Int) -> Double {
            let inYear = seizures.filter { DemoTestData.components($0.occurredAt).year == year }
            return Double(inYear.filter { $0.substance == "methamphetamine" }.count) / Double(max(1, inYear.count))
        }
        #expect(methShare(2025) > 1.8 * methShare(2021), "\(methShare(2021)) -> \(methShare(2025))")
    }

    @Test func categoriesQuantitiesAndAgencies() throws {
        let records = try DemoTestData.records()
        #expect(Set(records.compactMap(\.category)) == ["seizure", "detention", "crossing attempt"])
        #expect(Set(records.compactMap(\.agency)) == ["Border Service", "Drug Control Agency", "Customs", "Police"])
        for r in records {
            #expect((r.category == "seizure") == (r.substance != nil && r.quantityKg != nil))
        }
        // Log-normal: the median of log(quantity) is log(median) and its spread is sigma.
        let heroin = records.filter { $0.substance == "heroin" }.compactMap(\.quantityKg).map { log($0) }.sorted()
        #expect(heroin.count > 500)
        let median = exp(heroin[heroin.count / 2])
        #expect(abs(median - 2.0) < 0.3, "heroin median \(median) kg")
        let iqr = heroin[heroin.count * 3 / 4] - heroin[heroin.count / 4]
        #expect(abs(iqr / 1.349 - 1.3) < 0.15, "heroin log sigma \(iqr / 1.349)")
        #expect(records.compactMap(\.quantityKg).allSatisfy { $0 > 0 && $0 <= 3_000 })
    }

    @Test func invalidArgumentsThrow() {
        #expect(throws: DemoIncidentsError.self) {
            try DemoIncidents.generate(count: -1, dataDirectory: DemoTestData.shapefiles)
        }
        #expect(throws: (any Error).self) {
            try DemoIncidents.generate(count: 1, dataDirectory: URL(fileURLWithPath: "/nonexistent"))
        }
    }
}
