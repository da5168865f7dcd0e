import Foundation
import MapRenderer
import MapStyle

/// The viewer's layer toggles, `?layers=heatmap,hotspots,incidents`: which analysis layers a
/// tile or static map draws. Absent, a style's own `visibility` decides (both default styles:
/// heat map and incidents on, hot spot cells off). Listed groups are drawn (within their zoom
/// ranges) and unlisted groups hidden; `?layers=` (empty) hides all three.
struct LayerToggles: Sendable, Hashable {
    /// The groups a viewer toggles, by the kind of source their layers draw.
    enum Group: String, CaseIterable, Sendable {
        case heatmap, hotspots, incidents

        var sourceKind: StyleSource.Kind {
            switch self {
            case .heatmap: .density
            case .hotspots: .hotspots
            case .incidents: .incidents
            }
        }
    }

    /// The groups shown; nil follows the style.
    let shown: Set<Group>?

    static let styleDefault = LayerToggles(shown: nil)

    init(shown: Set<Group>?) { self.shown = shown }

    /// Parses the `layers` query parameter (nil when absent).
    /// - Throws: `APIError` 400 naming an unknown group.
    init(parameter: String?) throws {
        guard let parameter else {
            shown = nil
            return
        }
        var groups = Set<Group>()
        for name in parameter.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let g = Group(rawValue: trimmed) else {
                throw APIError.badRequest("layers: unknown layer group '\(trimmed)'; use any of heatmap, hotspots, incidents")
            }
            groups.insert(g)
        }
        shown = groups
    }

    /// A short canonical text for cache keys ("" for the style's default).
    var keyText: String {
        shown.map { "layers=" + Group.allCases.filter($0.contains).map(\.rawValue).joined(separator: ",") } ?? ""
    }

    /// The per-layer visibility overrides for `renderer`'s style.
    func visibility(for renderer: MapRenderer) -> [String: Bool] {
        guard let shown else { return [:] }
        var v: [String: Bool] = [:]
        for group in Group.allCases {
            for id in renderer.layerIDs(drawing: [group.sourceKind]) { v[id] = shown.contains(group) }
        }
        return v
    }
}
