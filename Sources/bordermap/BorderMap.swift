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

    /// Runs the command line, with `--config FILE` expanded first (`ConfigFile`).
    static func main() {
        let subcommands = Dictionary(configuration.subcommands.compactMap { c in c.configuration.commandName.map { ($0, c) } }) { a, _ in a }
        do {
            main(try ConfigFile.expand(Array(CommandLine.arguments.dropFirst()), subcommands: subcommands))
        } catch {
            exit(withError: error)
        }
    }
}
