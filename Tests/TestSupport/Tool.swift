import Foundation

/// Running installed command-line tools (the test oracles: ogrinfo, ogr2ogr, cs2cs, pngcheck,
/// python3) and the project's own executables from tests.
public enum Tool {
    /// What a tool printed and how it ended.
    public struct Result: Sendable {
        public var stdout: Data
        public var stderr: String
        public var status: Int32
        /// stdout decoded as UTF-8.
        public var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs `arguments[0]` (a name looked up on PATH, or an absolute path) with the rest as its
    /// arguments, optionally in `directory`, with extra `environment` variables and with
    /// `input` on its standard input. Standard error goes through a file, so neither stream
    /// can fill a pipe and block the tool.
    public static func run(_ arguments: [String], in directory: String? = nil, input: Data? = nil,
                           environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        if arguments.first?.hasPrefix("/") == true {
            p.executableURL = URL(fileURLWithPath: arguments[0])
            p.arguments = Array(arguments.dropFirst())
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = arguments
        }
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if !environment.isEmpty {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("tool-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errURL.path])
        }
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        let out = Pipe(), stdin = Pipe()
        p.standardOutput = out
        p.standardError = errHandle
        p.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try p.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        try errHandle.close()
        let e = try Data(contentsOf: errURL)
        return Result(stdout: o, stderr: String(decoding: e, as: UTF8.self), status: p.terminationStatus)
    }

    /// `run`, on a thread of its own rather than one of Swift concurrency's few pool threads:
    /// for tools that talk to a server running in the same test process, which needs those
    /// threads to answer (blocking them all would deadlock the test).
    public static func runOffPool(_ arguments: [String], in directory: String? = nil, input: Data? = nil,
                                  environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try run(arguments, in: directory, input: input, environment: environment) })
            }
        }
    }

    /// A new empty folder under the temporary directory.
    public static func temporaryDirectory(_ prefix: String = "bordermap-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A small deterministic random generator (SplitMix64, S. Vigna), so failures reproduce.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
