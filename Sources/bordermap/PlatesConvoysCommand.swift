import ArgumentParser
import Foundation
import GeoFormats
import IncidentStore
import RouteAnalysis

/// `bordermap plates convoys --plate P [--window 2min] [--min-cameras 3] [--min-journeys 1] [--alpha 0.01]
/// --out FILE.geojson [--graphml FILE] [--links FILE.csv]`.
struct PlatesConvoysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convoys",
        abstract: "Find plates that travel with a target plate more often than chance explains.",
        discussion: """
        Another plate co-occurs with the target at a camera when it is read there within
        --window of the target. A member co-occurs at --min-cameras or more cameras, in
        --min-journeys or more of the target's journeys (split at --journey-gap), and passes a
        significance test against background traffic: chance meetings from each camera's
        volume, and ordinary platooning from how long other pairs of plates in the data stay
        together from camera to camera (a Markov chain over the target's passages; Bonferroni
        over all plates, family-wise level --alpha). A plate that drives with the target on one
        trip is a convoy member only when it stays far longer than background platoons do;
        meeting again on other journeys is strong evidence. Members are written as MultiPoints
        of the shared cameras (target, plate, events, cameras, passages, journeys, first, last,
        p_value, p_adjusted); --graphml writes the target-member network as GraphML, --links as a link
        table CSV (Entity1_ID, Entity1_Type, Entity2_ID, Entity2_Type, Link_Type, First_Time,
        Last_Time, Count) for i2 Analyst's Notebook.
        """
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var filter: IncidentFilterOptions

    @Option(help: "The target plate.")
    var plate: String

    @Option(help: "Co-occurrence window at a camera (default 2min).")
    var window = "2min"

    @Option(name: .customLong("min-cameras"), help: "Fewest distinct shared cameras (default 3).")
    var minCameras = 3

    @Option(name: .customLong("min-journeys"), help: "Fewest target journeys with co-occurrence (default 1).")
    var minJourneys = 1

    @Option(name: .customLong("journey-gap"), help: "Split the target's journeys at gaps longer than this (default 6h).")
    var journeyGap = "6h"

    @Option(help: "Family-wise significance level (default 0.01).")
    var alpha = 0.01

    @Option(help: "Output GeoJSON file.")
    var out: String

    @Option(help: "Also write the co-travel network as GraphML.")
    var graphml: String?

    @Option(help: "Also write an i2 Analyst's Notebook link table (CSV).")
    var links: String?

    func validate() throws {
        _ = try PlatesSupport.duration(window, option: "--window")
        guard try PlatesSupport.duration(journeyGap, option: "--journey-gap") > 0 else { throw ValidationError("--journey-gap must be positive") }
        guard minCameras >= 1 else { throw ValidationError("--min-cameras must be at least 1") }
        guard minJourneys >= 1 else { throw ValidationError("--min-journeys must be at least 1") }
        guard alpha > 0, alpha <= 1 else { throw ValidationError("--alpha must be in (0, 1]") }
    }

    func run() throws {
        do {
            let (handle, sightings) = try PlatesSupport.open(store)
            defer { closeStore(handle) }
            let list = try PlatesSupport.load(sightings, try filter.sightingQuery())
            let target = SightingTable.normalisePlate(plate)
            let members = try ConvoyDetector.detect(
                target: target, sightings: list, window: try PlatesSupport.duration(window, option: "--window"),
                minCameras: minCameras, alpha: alpha, minJourneys: minJourneys,
                journeyGap: try PlatesSupport.duration(journeyGap, option: "--journey-gap"))
            try PlatesSupport.writeGeoJSON(members.map(\.feature), name: "convoys", to: out)
            let links = members.map(\.link)
            if let graphml { try PlatesSupport.writeText(PlateLinkExport.graphML(links), to: graphml) }
            if let path = self.links { try PlatesSupport.writeText(PlateLinkExport.linkTable(links), to: path) }
            print("\(target): \(list.filter { $0.plate == target }.count) sightings of \(list.count) from "
                  + "\(Set(list.map(\.plate)).count) plates; \(members.count) convoy members")
            for m in members {
                print("  \(m.link.plate2): \(m.link.count) events at \(m.passages) passages, \(m.link.cameras.count) cameras, \(m.journeys) journeys, "
                      + "p = \(m.pValue), adjusted \(m.adjustedPValue)")
            }
            print("wrote " + [out, graphml, self.links].compactMap { $0 }.joined(separator: ", "))
        } catch {
            throw CleanExit.message(for: error)
        }
    }
}
