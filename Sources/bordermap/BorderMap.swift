import ArgumentParser

@main
struct BorderMap: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bordermap",
        abstract: "Border-security hotspot mapping: geometry, formats, analysis, rendering and tiles.",
        subcommands: []
    )
}
