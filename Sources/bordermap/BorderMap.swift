import ArgumentParser

/// The `bordermap` command: thin argument parsing over the library modules.
@main
struct BorderMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bordermap",
        abstract: "Border-security hotspot mapping: geometry, formats, analysis, rendering and tiles.",
        discussion: """
        Coordinates on the command line are lon,lat in WGS 84; distances take units (25km, 800m).
        Sample data: Shapefiles/ (see Shapefiles/SOURCES.md for sources and licences).
        """,
        subcommands: [InfoCommand.self, ConvertCommand.self, RenderCommand.self, SeedCommand.self, DemoDataCommand.self, ImportCommand.self,
                      ExportCommand.self, DensityCommand.self, HotspotsCommand.self, ClustersCommand.self, ServeCommand.self, PlatesCommand.self,
                      RouteCommand.self, ReachCommand.self, NetworkDensityCommand.self, LeastCostCommand.self]
    )
}
