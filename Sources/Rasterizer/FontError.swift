import CFreeType

/// Errors from finding fonts, loading them and laying out or drawing text.
public enum FontError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No font file in the searched directories has this name (`"DejaVu Sans Bold"`).
    /// `searched` lists the directories looked in, in order; `available` a few names that were found.
    case fontNotFound(name: String, searched: [String], available: [String])
    /// A font stack with no names (MapLibre `text-font: []`).
    case emptyFontStack
    /// A text size (px, after the scale factor) that is not finite or not in 0.5...2048.
    case invalidSize(Double)
    /// A FreeType call failed: the function, its error code and FreeType's own message.
    case freeType(function: String, code: Int32, message: String)

    public var description: String {
        switch self {
        case let .fontNotFound(name, searched, available):
            let dirs = searched.isEmpty ? "(no directories)" : searched.joined(separator: ", ")
            let some = available.prefix(8).joined(separator: ", ")
            return "font \"\(name)\" not found; searched \(dirs)"
                + (available.isEmpty ? "; no font files found there (install fonts-dejavu-core or fonts-noto-core, or set BORDERMAP_FONT_DIR)"
                                     : "; available fonts include: \(some)")
        case .emptyFontStack:
            return "empty font stack"
        case let .invalidSize(size):
            return "invalid text size \(size) px (expected 0.5...2048)"
        case let .freeType(function, code, message):
            return "\(function) failed: FreeType error 0x\(String(code, radix: 16)): \(message)"
        }
    }
}

/// Throws `FontError.freeType` when a FreeType call returned non-zero.
/// FreeType convention: every `FT_Error` is 0 on success, a code from fterrdef.h otherwise.
@inline(__always)
func ftCheck(_ error: FT_Error, _ function: String) throws(FontError) {
    guard error != 0 else { return }
    throw FontError.freeType(function: function, code: error, message: freeTypeMessage(error))
}

/// FreeType's message for an error code (from fterrdef.h through the shim's table).
func freeTypeMessage(_ code: FT_Error) -> String {
    if let text = bordermap_ft_error_message(code) { return String(cString: text) }
    if let text = FT_Error_String(code) { return String(cString: text) }
    return "unknown FreeType error"
}
