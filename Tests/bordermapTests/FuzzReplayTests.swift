import Foundation
import Testing
import TestSupport

/// `make test` replays what `make fuzz` starts from and what it found: every file of the seed
/// corpus (`Fuzz/corpus/TARGET/`) and every crash, leak, timeout or out-of-memory artifact
/// (`Fuzz/artifacts/TARGET-*`, left by libFuzzer) goes through the fuzz targets' own entry
/// point, `bordermap-fuzz TARGET FILE` (the same `FuzzTarget.run` that libFuzzer calls, built
/// without the sanitizer), one process per file. A crash, a trap, a hang (60 s) or an
/// unreadable file fails the test with the file's name; an artifact stays failing until the
/// bug is fixed and the artifact moved into the corpus (or deleted).
@Suite struct FuzzReplayTests {
    typealias CLI = CommandLineTests
    static let targets = ["shapefile", "dbf", "wkb", "geojson", "csv"]
    static let fuzz = CLI.repo.appendingPathComponent("Fuzz")

    /// `bordermap-fuzz`, built beside `bordermap` (SwiftPM builds every executable for the tests).
    static var binary: String {
        URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("bordermap-fuzz").path
    }

    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0) }.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: $0.path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    /// Replays one file; nil when the target read it (returned or threw) and exited normally.
    static func replay(_ target: String, _ file: URL) throws -> String? {
        let r = try Tool.run(["timeout", "--kill-after=5", "60", binary, target, file.path])
        if r.status == 0, r.output.contains("ok \(file.path)") { return nil }
        let how = r.status == 124 || r.status == 137 ? "did not finish within 60 s" : "exit status \(r.status)"
        return "\(target) \(file.path): \(how); \(r.output.suffix(300)) \(r.stderr.suffix(1500))"
    }

    @Test func theCorpusHasAFolderForEachTargetAndNothingElse() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "\(Self.binary) was not built")
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fuzz.appendingPathComponent("corpus").path)
        #expect(Set(folders) == Set(Self.targets), "Fuzz/corpus has \(folders.sorted())")
    }

    @Test(arguments: targets)
    func seedCorpusReplaysCleanly(target: String) throws {
        let files = Self.files(in: Self.fuzz.appendingPathComponent("corpus/\(target)"))
        #expect(files.count >= 4, "Fuzz/corpus/\(target) has \(files.count) files")
        for file in files {
            let problem = try Self.replay(target, file)
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    /// Artifacts are git-ignored: this replays the ones a local `make fuzz` left.
    @Test func fuzzArtifactsReplayCleanly() throws {
        let artifacts = Self.files(in: Self.fuzz.appendingPathComponent("artifacts"))
        for file in artifacts {
            let name = file.lastPathComponent
            guard let target = Self.targets.first(where: { name.hasPrefix("\($0)-") }) else {
                Issue.record("Fuzz/artifacts/\(name) is named for no fuzz target (\(Self.targets.joined(separator: ", ")))")
                continue
            }
            let problem = try Self.replay(target, file)
            #expect(problem == nil, "\(problem ?? "")")
        }
        if !artifacts.isEmpty { print("replayed \(artifacts.count) fuzz artifacts") }
    }
}
