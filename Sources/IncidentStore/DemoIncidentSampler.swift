import Foundation
import GeoCore
import GeoFormats

/// Draws one synthetic record at a time from `DemoGeography` and `DemoTables`; see
/// `DemoIncidents` for the model. Immutable after set-up, so records can be drawn in any order.
struct DemoIncidentSampler: Sendable {
    private let geography: DemoGeography
    private let seed: UInt64
    private let years: ClosedRange<Int>
    private let borderChoice: DemoWeightedChoice
    /// Per border: hotspot positions (km along the border) and their choice.
    private let hotspots: [(positions: [Double], choice: DemoWeightedChoice)]
    private let townChoice: DemoWeightedChoice
    private let monthChoice: DemoWeightedChoice
    private let hourChoice: DemoWeightedChoice
    private let borderCategory: DemoWeightedChoice
    private let cityCategory: DemoWeightedChoice
    private let agencyChoices: (border: DemoWeightedChoice, city: DemoWeightedChoice, crossing: DemoWeightedChoice)

    /// Random streams: one for the hotspot layout, one per record.
    private static let hotspotStream: UInt64 = 1
    private static let recordStream: UInt64 = 2

    init(geography: DemoGeography, seed: UInt64, years: ClosedRange<Int>) throws {
        func choice(_ w: [Double], _ what: String) throws -> DemoWeightedChoice {
            guard let c = DemoWeightedChoice(w) else { throw DemoIncidentsError.missingData("no \(what) to choose from") }
            return c
        }
        self.geography = geography
        self.seed = seed
        self.years = years
        borderChoice = try choice(geography.borders.map(\.weight), "border")
        var layout: [(positions: [Double], choice: DemoWeightedChoice)] = []
        for (b, border) in geography.borders.enumerated() {
            var rng = DemoRandom(seed: seed, stream: Self.hotspotStream, index: UInt64(b))
            let n = max(2, Int((border.weight * DemoTables.hotspotsPerWeight).rounded()))
            let positions = (0..<n).map { _ in rng.uniform() * border.lengthKm }
            // Hotspot strength: exponential (mean 1) plus a floor, so a few crossings dominate,
            // times a factor for the people living nearby (roads, bridges and markets are where
            // settlements are; an empty high-mountain stretch gets little).
            let strengths = positions.map { km in
                let people = Double(geography.population(near: border.point(atKm: km), radiusKm: DemoTables.hotspotSettlementRadiusKm))
                return (rng.exponential(mean: 1) + 0.2) * (1 + people / DemoTables.hotspotSettlementScale).squareRoot()
            }
            layout.append((positions, try choice(strengths, "hotspot")))
        }
        hotspots = layout
        townChoice = try choice(geography.anchorTowns.map {
            pow(Double(geography.places[$0].population), DemoTables.cityWeightExponent)
        }, "town")
        monthChoice = try choice(DemoTables.monthWeights, "month")
        hourChoice = try choice(DemoTables.localHourWeights, "hour")
        borderCategory = try choice(DemoTables.borderCategoryWeights, "category")
        cityCategory = try choice(DemoTables.cityCategoryWeights, "category")
        agencyChoices = (try choice(DemoTables.borderAgencyWeights, "agency"),
                         try choice(DemoTables.cityAgencyWeights, "agency"),
                         try choice(DemoTables.crossingAgencyWeights, "agency"))
    }

    /// Where a record is anchored.
    private enum Anchor {
        case border(Int)
        case town(Int)
    }

    /// Record `index`.
    func record(_ index: Int) throws -> IncidentRecord {
        var rng = DemoRandom(seed: seed, stream: Self.recordStream, index: UInt64(index))
        let (occurredAt, year) = drawDate(&rng)
        let (anchor, location, country) = try drawLocation(&rng, index: index)
        let isBorder: Bool
        let anchorLabel: String
        var nearAfghanistan = country == "AFG"
        switch anchor {
        case .border(let b):
            isBorder = true
            anchorLabel = "border " + geography.borders[b].key
            nearAfghanistan = nearAfghanistan || geography.borders[b].touchesAfghanistan
        case .town(let t):
            isBorder = false
            anchorLabel = "town " + geography.places[geography.anchorTowns[t]].name
        }
        let category = DemoTables.categories[(isBorder ? borderCategory : cityCategory).pick(&rng)]
        var substance: String?
        var quantity: Double?
        if category == "seizure" {
            let s = try substanceChoice(nearAfghanistan: nearAfghanistan, year: year).pick(&rng)
            substance = DemoTables.substances[s]
            let kg = rng.logNormal(median: DemoTables.quantityMedianKg[s], sigma: DemoTables.quantityLogSigma[s])
            quantity = max(0.001, min(DemoTables.maximumQuantityKg, (kg * 1000).rounded() / 1000))
        }
        let agencies = category == "crossing attempt" ? agencyChoices.crossing : isBorder ? agencyChoices.border : agencyChoices.city
        let agency = DemoTables.agencies[agencies.pick(&rng)]
        let post = geography.nearestPlace(to: location).map { $0.name + " post" }
        return IncidentRecord(
            id: "demo-\(index)", occurredAt: occurredAt, lon: location.x, lat: location.y, category: category,
            substance: substance, quantityKg: quantity, agency: agency, borderPost: post, source: "synthetic",
            properties: ["synthetic": "1", "anchor": anchorLabel, "country": country],
            sourceKey: "synthetic-\(seed)-\(index)", row: index + 2)
    }

    /// Substance weights for a region and year (see `DemoTables`).
    private func substanceChoice(nearAfghanistan: Bool, year: Int) throws -> DemoWeightedChoice {
        var w = nearAfghanistan ? DemoTables.afghanSubstanceWeights : DemoTables.otherSubstanceWeights
        w[3] *= pow(DemoTables.methamphetamineYearlyGrowth, Double(max(0, year - years.lowerBound)))
        if year >= DemoTables.opiateBanYear {
            w[0] *= DemoTables.opiateBanFactor
            w[1] *= DemoTables.opiateBanFactor
        }
        guard let choice = DemoWeightedChoice(w) else {
            throw DemoIncidentsError.invalidArgument("no substance weights for year \(year)")
        }
        return choice
    }

    /// A date: year uniform in the range, month by `monthWeights`, day uniform in the month,
    /// local hour by `localHourWeights` shown as the UTC hour of the same calendar day (so
    /// dates never leave the year range), minute uniform.
    private func drawDate(_ rng: inout DemoRandom) -> (Date, year: Int) {
        let year = years.lowerBound + rng.integer(below: years.count)
        let month = monthChoice.pick(&rng) + 1
        let day = 1 + rng.integer(below: Self.daysIn(month: month, year: year))
        let localHour = hourChoice.pick(&rng)
        let hour = (localHour - DemoTables.localUTCOffsetHours + 24) % 24
        let minute = rng.integer(below: 60)
        let days = CalendarDate.daysSinceEpoch(year: year, month: month, day: day)
        return (Date(timeIntervalSince1970: Double(days * 86_400 + hour * 3_600 + minute * 60)), year)
    }

    private func drawLocation(_ rng: inout DemoRandom, index: Int) throws -> (Anchor, Coordinate, String) {
        for _ in 0..<100 {
            let anchor: Anchor
            let origin: Coordinate
            if rng.uniform() < DemoTables.borderShare {
                let b = borderChoice.pick(&rng)
                let border = geography.borders[b]
                let km: Double
                if rng.uniform() < DemoTables.hotspotShare {
                    let h = hotspots[b]
                    km = h.positions[h.choice.pick(&rng)] + rng.normal() * DemoTables.hotspotAlongSigmaKm
                } else {
                    km = rng.uniform() * border.lengthKm
                }
                anchor = .border(b)
                origin = border.point(atKm: km)
            } else {
                let t = townChoice.pick(&rng)
                anchor = .town(t)
                origin = geography.places[geography.anchorTowns[t]].location
            }
            for _ in 0..<10 {
                let distanceKm: Double
                if case .border = anchor {
                    distanceKm = rng.halfNormal(sigma: DemoTables.borderOffsetSigmaKm)
                } else {
                    distanceKm = rng.exponential(mean: DemoTables.cityOffsetMeanKm)
                }
                let p = DemoGeodesy.destination(from: origin, distance: distanceKm * 1000, azimuth: rng.uniform() * 360)
                let rounded = Coordinate((p.x * 1e5).rounded() / 1e5, (p.y * 1e5).rounded() / 1e5)
                if let country = geography.coreCountry(at: rounded) { return (anchor, rounded, country) }
            }
        }
        throw DemoIncidentsError.noLandPoint(index: index)
    }

    // MARK: - calendar (proleptic Gregorian, UTC; H. Hinnant's days_from_civil)

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
