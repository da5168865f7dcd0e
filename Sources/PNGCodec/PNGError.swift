/// An error encoding or decoding a PNG, carrying libpng's own message where there is one.
public enum PNGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// libpng failed while writing (the message is libpng's, e.g. "out of memory ...").
    case encodeFailed(String)
    /// The bytes are not a PNG libpng can read (the message is libpng's, e.g. "Not a PNG file").
    case decodeFailed(String)
    /// The image is larger than `Pixmap.maxSide` on a side or than the decoder's `maxPixels`.
    case tooLarge(width: Int, height: Int)

    /// A sentence naming the operation and the cause.
    public var description: String {
        switch self {
        case .encodeFailed(let m): return "PNG encode failed: \(m)"
        case .decodeFailed(let m): return "PNG decode failed: \(m)"
        case .tooLarge(let w, let h): return "PNG of \(w)x\(h) px is too large"
        }
    }
}
