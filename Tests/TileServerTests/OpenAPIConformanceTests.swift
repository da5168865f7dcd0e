import Foundation
import TestSupport
import Testing
@testable import TileServer

/// schemathesis (from PyPI, in the oracles' virtual environment: `make oracles`) reads
/// `/openapi.json` from a server on 127.0.0.1 and calls every documented operation with
/// generated requests — valid ones and, for parameters and bodies, invalid ones — a bounded
/// number of times with a fixed seed. It fails the run when an answer is a 5xx, has a status the
/// document does not list for the operation, a media type the document does not list, or a
/// JSON body that does not match the documented schema. POST /incidents runs with the write
/// token, so uploads are exercised too.
///
/// The server is small and bounded so that the run is, too: 300 demo incidents, static maps of
/// at most 256 px a side, bodies of at most 64 KiB, the repository's road network (a copy).
@Suite(.serialized) struct OpenAPIConformanceTests {
    /// Test cases per operation and phase.
    static let maxExamples = 15
    /// Fixed, so that a failure reproduces.
    static let seed = 20_261_203
    static let checks = ["not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance"]

    /// schemathesis's configuration (schemathesis.toml): the coverage phase walks the documented
    /// bounds with valid values only (fuzzing sends invalid ones too); HEAD operations, answered
    /// by the same code as their GET, run their examples only; tiles and static maps use a style
    /// the server has and `/geojson/{layer}` a small shapefile, so that generated requests reach
    /// the renderer instead of stopping at "no such style" (404).
    static let configuration = """
        [phases.coverage.generation]
        mode = "positive"

        [[operations]]
        include-method = "HEAD"
        phases.coverage.enabled = false
        phases.fuzzing.enabled = false

        [[operations]]
        include-path-regex = "^/(tiles|static)/"
        parameters = { style = "situation-room" }

        [[operations]]
        include-path = "/geojson/{layer}"
        parameters = { layer = "ca_admin0_disputed_lines" }

        """

    /// The command line, for a server on `port`.
    static func arguments(port: Int, configFile: String) -> [String] {
        [PythonOracle.python, "-m", "schemathesis.cli", "--config-file", configFile, "run",
         "http://127.0.0.1:\(port)/openapi.json",
         "--checks", checks.joined(separator: ","), "--phases", "examples,coverage,fuzzing",
         "--max-examples", "\(maxExamples)", "--seed", "\(seed)", "--workers", "1",
         "--generation-database", "none", "--no-shrink", "--request-timeout", "60", "--no-color",
         "--header", "Authorization: Bearer \(ServerFixture.writeToken)"]
    }

    @Test func schemathesisFindsNoServerErrorAndNoAnswerOutsideTheDocument() async throws {
        if let reason = PythonOracle.unavailableReason { Issue.record("\(reason)") }
        let probe = try Tool.run([PythonOracle.python, "-c", "import schemathesis; print(schemathesis.__version__)"])
        try #require(probe.status == 0, "schemathesis is not installed in \(PythonOracle.python): run `make oracles` (delete .build-oracles to refresh)")
        let fixture = try await ServerFixture(incidents: 300) {
            $0.roadNetwork = RouteRouteTests.roads
            $0.maxStaticSide = 256
            $0.maxStaticDevicePixels = 256 * 256 * 4
            $0.maxBodyBytes = 64 << 10
        }
        let workDir = fixture.directory.path
        let configFile = fixture.directory.appendingPathComponent("schemathesis.toml").path
        try Data(Self.configuration.utf8).write(to: URL(fileURLWithPath: configFile))
        let result = try await fixture.withLiveServer { _, port in
            try await Tool.runOffPool(["timeout", "300"] + Self.arguments(port: port, configFile: configFile),
                                      in: workDir, environment: ["HOME": workDir, "NO_COLOR": "1"])
        }
        let summary = result.output.split(separator: "\n").suffix(40).joined(separator: "\n")
        #expect(result.status == 0, "schemathesis \(probe.output.trimmingCharacters(in: .whitespacesAndNewlines)) exited \(result.status):\n\(result.output.prefix(20_000))\n…\n\(summary)\n\(result.stderr.suffix(4000))")
        // The run did call the operations (a schema it could not load would also exit non-zero).
        #expect(result.output.contains("passed"), "\(summary)")
    }
}
