import Foundation

/// The Python interpreter of the tests' own virtual environment, holding the independent
/// references from PyPI (PySAL's esda and libpysal, pymannkendall, scikit-learn, networkx):
/// `make oracles` (a step of `make test`) creates it in `.build-oracles/venv`.
/// `BORDERMAP_ORACLE_PYTHON` names another interpreter.
public enum PythonOracle {
    /// The repository's root folder (this file is Tests/TestSupport/PythonOracle.swift).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The interpreter's path.
    public static var python: String {
        if let p = ProcessInfo.processInfo.environment["BORDERMAP_ORACLE_PYTHON"], !p.isEmpty { return p }
        return repositoryRoot.appendingPathComponent(".build-oracles/venv/bin/python").path
    }

    /// Why the oracle cannot run (nil when it can): tests `#require` this to be nil, so a
    /// missing virtual environment fails loudly instead of passing.
    public static var unavailableReason: String? {
        FileManager.default.isExecutableFile(atPath: python)
            ? nil : "\(python) is missing: run `make oracles` (part of `make test`)"
    }

    public struct Failure: Error, CustomStringConvertible {
        public let status: Int32
        public let stderr: String
        public var description: String { "python oracle exited \(status): \(stderr)" }
    }

    /// Runs `script` (Python source) with `input` on its standard input; returns what it printed.
    /// - Throws: `Failure` when the script exits non-zero (its stderr included).
    public static func run(script: String, input: Data? = nil) throws -> String {
        let r = try Tool.run([python, "-c", script], input: input)
        guard r.status == 0 else { throw Failure(status: r.status, stderr: r.stderr) }
        return r.output
    }

    /// `run`, then the output parsed as JSON.
    public static func json(script: String, input: Data? = nil) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try run(script: script, input: input).utf8))
    }
}
