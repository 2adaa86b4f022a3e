import LibCrypto
import Testing

@Suite("libcrypto digest wrapper")
struct DigestTests {
    /// FIPS 180-2 / NIST test vectors for SHA-256.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(message: String, expected: String) throws {
        #expect(try Digest.sha256Hex(Array(message.utf8)) == expected)
    }

    @Test func aMillionAsMatchesTheStandardVector() throws {
        let digest = try Digest.sha256([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(digest.count == 32)
        #expect(digest.prefix(4) == [0xcd, 0xc7, 0x6e, 0x5c])
        #expect(digest.suffix(4) == [0xc7, 0x11, 0x2c, 0xd0])
    }

    /// Fed in pieces of every size, the hasher gives the one-shot digest (the review index feeds it answer by answer).
    @Test func theHasherFedInPiecesGivesTheOneShotDigest() throws {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        for piece in [1, 3, 7, 56] {
            let hasher = try Digest.SHA256()
            for start in stride(from: 0, to: message.count, by: piece) {
                message[start..<min(message.count, start + piece)].withUnsafeBytes { hasher.update($0) }
            }
            #expect(try hasher.finish() == (try Digest.sha256(message)))
        }
        let empty = try Digest.SHA256()
        #expect(try empty.finish() == (try Digest.sha256([])))
    }
}
