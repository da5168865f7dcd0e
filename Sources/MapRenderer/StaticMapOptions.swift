/// What a static report map carries besides the map itself.
public struct StaticMapOptions: Sendable, Hashable {
    /// Drawn at the top left in bold; nil for none.
    public var title: String?
    /// A legend of the style's layers that have a `metadata.legend` label and data to show.
    public var legend: Bool
    /// The data credit (bottom right); nil for none.
    public var attribution: String?
    /// A scale bar in km (bottom left). Default on.
    public var scaleBar: Bool
    /// A north arrow (top right). Default on.
    public var northArrow: Bool

    public init(title: String? = nil, legend: Bool = false, attribution: String? = nil,
                scaleBar: Bool = true, northArrow: Bool = true) {
        self.title = title
        self.legend = legend
        self.attribution = attribution
        self.scaleBar = scaleBar
        self.northArrow = northArrow
    }
}
