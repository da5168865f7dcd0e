import Foundation

/// The fixed parameters of the synthetic incident generator, with where each number comes from.
/// They are judgement calls meant to give data of a believable *shape* for testing maps and
/// statistics; they are not estimates of real trafficking and must never be presented as such.
enum DemoTables {
    /// The core countries (ISO 3166-1 alpha-3 as in Natural Earth's `ADM0_A3`): every synthetic
    /// incident lies on land inside one of them.
    static let coreCountries: Set<String> = ["AFG", "TJK", "UZB", "TKM", "KGZ", "KAZ"]

    /// Relative weight of each border (unordered pair of `ADM0_A3_L`/`ADM0_A3_R`, written in
    /// alphabetical order) among border-anchored incidents. The Afghan borders carry about half:
    /// the "northern route" for Afghan opiates runs through Tajikistan (Panj river) first, then
    /// Uzbekistan (Termez) and Turkmenistan (UNODC, *Afghan opiate trafficking through the
    /// northern route*, 2018). Fergana-valley borders (KGZ/TJK/UZB) are next; China borders
    /// stand for precursor chemicals and methamphetamine flows; the long KAZ-RUS border is the
    /// exit of the route and gets a small share. Incidents on the foreign side of a border are
    /// resampled, so KGZ-CHN incidents all fall in Kyrgyzstan, AFG-IRN ones in Afghanistan.
    static let borderWeights: [String: Double] = [
        "AFG-TJK": 22, "AFG-UZB": 9, "AFG-TKM": 10, "AFG-IRN": 5, "AFG-PAK": 5, "AFG-CHN": 1,
        "KGZ-TJK": 8, "KGZ-UZB": 8, "TJK-UZB": 6, "KAZ-UZB": 5, "KAZ-KGZ": 5, "TKM-UZB": 4,
        "CHN-KGZ": 3, "CHN-TJK": 2, "CHN-KAZ": 3, "IRN-TKM": 4, "KAZ-TKM": 2, "KAZ-RUS": 2,
    ]

    /// Share of incidents anchored on a border line; the rest are anchored on towns (inland
    /// seizures at markets, bus stations, airports).
    static let borderShare = 0.75
    /// Number of hotspots (crossing points, smuggling trails) per unit of border weight; each
    /// border gets at least two, placed uniformly along its length.
    static let hotspotsPerWeight = 1.5
    /// A hotspot's strength is multiplied by √(1 + P / hotspotSettlementScale), P the population
    /// of places within hotspotSettlementRadiusKm of it.
    static let hotspotSettlementRadiusKm = 30.0
    static let hotspotSettlementScale = 5_000.0
    /// Share of border incidents drawn around a hotspot; the rest fall anywhere along the border.
    static let hotspotShare = 0.7
    /// Spread of incidents along the border around a hotspot: normal, standard deviation in km.
    static let hotspotAlongSigmaKm = 12.0
    /// Distance from the anchor point on the border: half-normal, sigma in km (mean 4.8 km,
    /// 99 % within 18 km): interdictions happen at the line or on the first road behind it.
    static let borderOffsetSigmaKm = 6.0
    /// Distance from a town centre: exponential, mean in km.
    static let cityOffsetMeanKm = 6.0
    /// Towns smaller than this do not anchor incidents (they still name border posts).
    static let cityMinPopulation = 20_000
    /// City weight is population^cityWeightExponent: sublinear so that Tashkent and Almaty do
    /// not take most inland incidents.
    static let cityWeightExponent = 0.75

    /// Relative incident counts by month (January first). Rationale: in northern Afghanistan the
    /// opium poppy is lanced April–July (later in Badakhshan's high valleys), so fresh opium and
    /// heroin move north from late summer through autumn; Pamir and Tien Shan passes close with
    /// snow from December to March, and the Amu Darya/Panj run high with snowmelt in May–July,
    /// which makes river crossings harder. August–October therefore carries about three times
    /// the count of December–February.
    static let monthWeights: [Double] = [0.45, 0.45, 0.6, 0.8, 0.95, 1.05, 1.2, 1.45, 1.55, 1.45, 1.0, 0.55]

    /// Relative incident counts by local hour (UTC+5, the zone of UZB, TJK, TKM and, since 2024,
    /// all of KAZ): crossings and ambushes at night, checkpoint seizures in the working day.
    static let localHourWeights: [Double] = [
        1.6, 1.8, 1.8, 1.6, 1.3, 0.9, 0.6, 0.6, 0.8, 1.0, 1.1, 1.1,
        1.0, 1.0, 1.0, 1.0, 0.9, 0.9, 0.9, 1.0, 1.1, 1.3, 1.4, 1.5,
    ]
    /// Offset of the local clock from UTC in hours.
    static let localUTCOffsetHours = 5

    /// Incident categories with weights, for border-anchored and town-anchored incidents.
    static let categories = ["seizure", "detention", "crossing attempt"]
    static let borderCategoryWeights: [Double] = [0.5, 0.2, 0.3]
    static let cityCategoryWeights: [Double] = [0.65, 0.35, 0.0]

    /// Substances recorded for seizures.
    static let substances = ["heroin", "opium", "hashish", "methamphetamine", "precursors"]
    /// Substance weights near the Afghan border (anchor on an AFG border or inside AFG): opiates
    /// dominate; Afghan cannabis resin is common; ephedra-based methamphetamine is newer.
    static let afghanSubstanceWeights: [Double] = [0.30, 0.30, 0.28, 0.07, 0.05]
    /// Substance weights elsewhere: cannabis (wild hemp of the Chuy valley and Issyk-Kul) leads,
    /// opiates are in transit, synthetic drugs and precursors come over the China borders.
    static let otherSubstanceWeights: [Double] = [0.12, 0.06, 0.50, 0.17, 0.15]
    /// Methamphetamine weight is multiplied by this per year after the first year of the range
    /// (UNODC reports a fast rise of Afghan methamphetamine seizures since about 2019).
    static let methamphetamineYearlyGrowth = 1.3
    /// From this year opium and heroin weights are multiplied by `opiateBanFactor`: the April
    /// 2022 Taliban cultivation ban cut poppy cultivation by about 95 % in 2023 (UNODC
    /// *Afghanistan Opium Survey 2023*); trafficking from stocks continued at a lower level.
    static let opiateBanYear = 2023
    static let opiateBanFactor = 0.6

    /// Seizure quantity in kg: log-normal with these medians (kg) and log-standard deviations,
    /// by substance, in the order of `substances`. Values are rounded to grams and capped at
    /// `maximumQuantityKg`. Shape after the spread of seizure sizes in UNODC's individual drug
    /// seizure data: many small courier seizures, a heavy tail of consignments.
    static let quantityMedianKg: [Double] = [2.0, 8.0, 5.0, 0.5, 40.0]
    static let quantityLogSigma: [Double] = [1.3, 1.4, 1.5, 1.4, 1.2]
    static let maximumQuantityKg = 3_000.0

    /// Generic reporting agencies (not names of real organisations).
    static let agencies = ["Border Service", "Drug Control Agency", "Customs", "Police"]
    static let borderAgencyWeights: [Double] = [0.5, 0.2, 0.2, 0.1]
    static let cityAgencyWeights: [Double] = [0.05, 0.35, 0.15, 0.45]
    static let crossingAgencyWeights: [Double] = [0.9, 0.0, 0.0, 0.1]
}
