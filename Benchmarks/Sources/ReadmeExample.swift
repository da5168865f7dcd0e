import GeoCore
import GeoFormats
import GeoProjection
import GeoTopology
/// The library example of README.md, verbatim between the braces.
func readmeExample() throws {
let reader = try ShapefileReader(path: "Shapefiles/ca_admin0_countries.shp")
var tajikistan: Geometry?
while let country = try reader.next() {
    if country["ADM0_A3"] == .string("TJK") { tajikistan = country.geometry }
}
let border = try tajikistan!.buffer(distance: 0.1)                // degrees here; project first for metres
let metric = try ProjectionChooser.choose(for: tajikistan!.boundingBox!).crs  // Albers: TJK spans 2 UTM zones
let toMetric = try Transformer(from: CRS.wgs84, to: metric)
let projected = try tajikistan!.transformed(by: toMetric)
print(try projected.area() / 1e6, "km²", border.typeName, metric)
}
