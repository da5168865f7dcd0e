import Foundation
import GeoProjection

/// The WMTS 1.0.0 capabilities document (OGC 07-057r7), RESTful: one layer per style, all on
/// the GoogleMapsCompatible tile matrix set of OGC's well-known scale sets (EPSG:3857, 256 px
/// tiles, scale denominators for 0.28 mm pixels, top-left corner at (-πR, +πR)).
/// Each layer's ResourceURL template ends in `?v=` the style's fingerprint, so a client's cache
/// of tiles is left behind when the style, its data or fonts, or the renderer change.
enum WMTSCapabilities {
    /// Zoom levels listed in the tile matrix set (0...18, like most web basemaps).
    static let maxZoom = 18

    static func document(styles: [ServedStyle], baseURL: String) -> String {
        var x = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1" \
        xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xmlns:gml="http://www.opengis.net/gml" \
        xsi:schemaLocation="http://www.opengis.net/wmts/1.0 http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd" \
        version="1.0.0">
          <ows:ServiceIdentification>
            <ows:Title>BorderMap</ows:Title>
            <ows:Abstract>Border-security incident maps of Central Asia</ows:Abstract>
            <ows:ServiceType>OGC WMTS</ows:ServiceType>
            <ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion>
          </ows:ServiceIdentification>
          <ows:OperationsMetadata>
            <ows:Operation name="GetCapabilities">
              <ows:DCP><ows:HTTP><ows:Get xlink:href="\(escape(baseURL))/wmts/1.0.0/WMTSCapabilities.xml">
                <ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>RESTful</ows:Value></ows:AllowedValues></ows:Constraint>
              </ows:Get></ows:HTTP></ows:DCP>
            </ows:Operation>
            <ows:Operation name="GetTile">
              <ows:DCP><ows:HTTP><ows:Get xlink:href="\(escape(baseURL))/tiles/">
                <ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>RESTful</ows:Value></ows:AllowedValues></ows:Constraint>
              </ows:Get></ows:HTTP></ows:DCP>
            </ows:Operation>
          </ows:OperationsMetadata>
          <Contents>

        """
        for style in styles {
            let b = style.bounds
            x += """
                <Layer>
                  <ows:Title>\(escape(style.title))</ows:Title>
                  <ows:WGS84BoundingBox>
                    <ows:LowerCorner>\(coord(b.minX)) \(coord(b.minY))</ows:LowerCorner>
                    <ows:UpperCorner>\(coord(b.maxX)) \(coord(b.maxY))</ows:UpperCorner>
                  </ows:WGS84BoundingBox>
                  <ows:Identifier>\(escape(style.name))</ows:Identifier>
                  <Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
                  <Format>image/png</Format>
                  <TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink>
                  <ResourceURL format="image/png" resourceType="tile" \
            template="\(escape(baseURL))/tiles/\(escape(style.name))/{TileMatrix}/{TileCol}/{TileRow}.png?v=\(style.version)"/>
                </Layer>

            """
        }
        x += """
            <TileMatrixSet>
              <ows:Identifier>GoogleMapsCompatible</ows:Identifier>
              <ows:SupportedCRS>urn:ogc:def:crs:EPSG::3857</ows:SupportedCRS>
              <WellKnownScaleSet>urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible</WellKnownScaleSet>

        """
        let corner = String(format: "%.8f %.8f", -WebMercator.originShift, WebMercator.originShift)
        for z in 0...maxZoom {
            let scale = WebMercator.resolution(zoom: z) / WebMercator.standardPixelSize
            x += """
                  <TileMatrix>
                    <ows:Identifier>\(z)</ows:Identifier>
                    <ScaleDenominator>\(String(format: "%.10f", scale))</ScaleDenominator>
                    <TopLeftCorner>\(corner)</TopLeftCorner>
                    <TileWidth>256</TileWidth>
                    <TileHeight>256</TileHeight>
                    <MatrixWidth>\(1 << z)</MatrixWidth>
                    <MatrixHeight>\(1 << z)</MatrixHeight>
                  </TileMatrix>

            """
        }
        x += """
            </TileMatrixSet>
          </Contents>
          <ServiceMetadataURL xlink:href="\(escape(baseURL))/wmts/1.0.0/WMTSCapabilities.xml"/>
        </Capabilities>

        """
        return x
    }

    static func coord(_ v: Double) -> String { String(format: "%.6f", v) }

    /// XML text and attribute escaping.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(c)
            }
        }
        return out
    }
}
