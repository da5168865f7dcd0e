import ArgumentParser
import Foundation

/// `--data DIR`: the folder of shapefiles that styles name (basemap layers), that the land check
/// reads (`ca_admin0_countries.shp`) and that the demo data and corridors are drawn from.
/// Default `Shapefiles`, found as `ShareFolder` says (the checkout, `$BORDERMAP_SHARE`, or the
/// installed share folder).
struct DataFolderOption: ParsableArguments {
    @Option(name: .customLong("data"), help: ArgumentHelp(
        "Folder of shapefiles the styles, the land check and the demo data read (default: Shapefiles here, else the installed share folder).",
        valueName: "dir"))
    var given: String?

    /// The folder in effect.
    var path: String { given ?? ShareFolder.resolve("Shapefiles") }
    var url: URL { URL(fileURLWithPath: path) }
}

/// `--styles DIR`: the folder of style files (`*.json`, one style each). Default `Styles`, found
/// as `ShareFolder` says.
struct StylesFolderOption: ParsableArguments {
    @Option(name: .customLong("styles"), help: ArgumentHelp(
        "Folder of style files (default: Styles here, else the installed share folder).", valueName: "dir"))
    var given: String?

    /// The folder in effect.
    var path: String { given ?? ShareFolder.resolve("Styles") }
    var url: URL { URL(fileURLWithPath: path) }
}
