internal import CLibCrypto

/// Why libcrypto could not compute a digest (in practice only when out of memory).
public struct DigestError: Error, Sendable, Equatable, CustomStringConvertible {
    public let step: String
    public var description: String { "libcrypto: \(step) failed" }
}

/// Message digests through the system's libcrypto (OpenSSL's EVP interface). Grader needs
/// one SHA-256 per rubric; the system library serves it without compiling a TLS stack
/// into every build, as swift-crypto's bundled BoringSSL did.
public enum Digest {
    /// The SHA-256 of `bytes`, 32 bytes.
    public static func sha256(_ bytes: [UInt8]) throws(DigestError) -> [UInt8] {
        let result: Result<[UInt8], DigestError> = bytes.withUnsafeBytes { raw in Result { () throws(DigestError) in try sha256(raw) } }
        return try result.get()
    }

    /// The SHA-256 of bytes that lie elsewhere (a report's buffer), without copying them.
    public static func sha256(_ bytes: UnsafeRawBufferPointer) throws(DigestError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw DigestError(step: "EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { throw DigestError(step: "EVP_DigestInit_ex") }
        guard EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) == 1 else { throw DigestError(step: "EVP_DigestUpdate") }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let finished = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        guard finished == 1 else { throw DigestError(step: "EVP_DigestFinal_ex") }
        return Array(digest.prefix(Int(length)))
    }

    /// A SHA-256 fed piece by piece, for what is too large to gather first (a question's shingle
    /// ranks over a cohort of 20,000).
    public final class SHA256 {
        private let context: OpaquePointer

        public init() throws(DigestError) {
            guard let context = EVP_MD_CTX_new() else { throw DigestError(step: "EVP_MD_CTX_new") }
            guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
                EVP_MD_CTX_free(context)
                throw DigestError(step: "EVP_DigestInit_ex")
            }
            self.context = context
        }

        deinit { EVP_MD_CTX_free(context) }

        private var failed = false

        /// Feeds `bytes`; a failure (out of memory) is reported by `finish`.
        public func update(_ bytes: UnsafeRawBufferPointer) {
            if EVP_DigestUpdate(context, bytes.baseAddress, bytes.count) != 1 { failed = true }
        }

        /// The digest of everything fed; the hasher is spent.
        public func finish() throws(DigestError) -> [UInt8] {
            if failed { throw DigestError(step: "EVP_DigestUpdate") }
            var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            let finished = digest.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
            guard finished == 1 else { throw DigestError(step: "EVP_DigestFinal_ex") }
            return Array(digest.prefix(Int(length)))
        }
    }

    /// The SHA-256 of `bytes` as 64 lower-case hex digits, the form reports carry.
    public static func sha256Hex(_ bytes: [UInt8]) throws(DigestError) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in try sha256(bytes) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
