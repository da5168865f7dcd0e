import Foundation

/// The data credit line drawn on static maps.
public enum Attribution {
    /// The line after "Attribution line used on maps:" in `SOURCES.md` of the data folder, or
    /// nil when there is none.
    public static func line(dataDirectory: String) -> String? {
        guard let text = try? String(contentsOfFile: dataDirectory + "/SOURCES.md", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("Attribution line used on maps:") {
            let credit = line.dropFirst("Attribution line used on maps:".count)
                .trimmingCharacters(in: CharacterSet(charactersIn: " \"."))
            return credit.isEmpty ? nil : credit
        }
        return nil
    }
}
