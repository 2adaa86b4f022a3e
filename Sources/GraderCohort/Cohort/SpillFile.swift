import Foundation
import GraderFoundation

/// An append-only scratch file with a write buffer, read back by offset or scanned in
/// large chunks. The cohort store keeps its records here instead of in memory.
struct SpillFile {
    package let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes written so far, buffered ones included: the offset of the next record.
    private(set) var size: Int64 = 0
    private static let bufferLimit = 1 << 18
    private static let chunk = 1 << 20

    init(path: String) throws(OutputError) {
        self.path = path
        do {
            descriptor = try SystemCall.open(path, O_RDWR | O_CREAT | O_TRUNC, mode: 0o600)
        } catch {
            throw OutputError(path: path, message: "cannot create: \(error.reason)")
        }
        buffer.reserveCapacity(Self.bufferLimit)
    }

    /// Closes the file; the store removes its folder.
    package func close() { _ = Foundation.close(descriptor) }

    package mutating func append(_ bytes: [UInt8]) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        size += Int64(bytes.count)
        if buffer.count >= Self.bufferLimit { try flush() }
    }

    package mutating func flush() throws(OutputError) {
        let start = off_t(size) - off_t(buffer.count)
        let failure: SystemCallError? = buffer.withUnsafeBytes { raw in
            do throws(SystemCallError) { try SystemCall.writeAll(descriptor, raw, at: start, path: path); return nil } catch { return error }
        }
        if let failure { throw OutputError(path: path, message: "cannot write the cohort's working file: \(failure.reason)") }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and lets the write buffer go: a sealed store's 70-odd files held 36 MB of
    /// buffers through the review index, the largest use of memory at the end of a run.
    package mutating func finishWriting() throws(OutputError) {
        try flush()
        buffer = []
    }

    /// `count` bytes at `offset` (which must be flushed).
    package func read(at offset: Int64, count: Int) throws(OutputError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read: Result<Int, SystemCallError> = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(SystemCallError) in try SystemCall.readFully(descriptor, into: raw, at: off_t(offset), path: path) }
        }
        switch read {
        case .failure(let error): throw OutputError(path: path, message: "cannot read the cohort's working file back: \(error.reason)")
        case .success(let done) where done < count: throw OutputError(path: path, message: "cannot read the cohort's working file back: file too short")
        case .success: return bytes
        }
    }

    /// Calls `body` with each variable-size record in order. `length` reads a record's total
    /// size from its first 8 bytes.
    func scanRecords(_ body: (UnsafeRawBufferPointer) throws -> Void, length: (UnsafeRawBufferPointer) -> Int) throws {
        var offset: Int64 = 0
        var pending: [UInt8] = []
        while offset < size || !pending.isEmpty {
            if offset < size {
                let count = Int(min(Int64(Self.chunk), size - offset))
                pending += try read(at: offset, count: count)
                offset += Int64(count)
            }
            var consumed = 0
            try pending.withUnsafeBytes { raw in
                while raw.count - consumed >= 8 {
                    let total = length(UnsafeRawBufferPointer(rebasing: raw[consumed..<(consumed + 8)]))
                    guard raw.count - consumed >= total else { break }
                    try body(UnsafeRawBufferPointer(rebasing: raw[consumed..<(consumed + total)]))
                    consumed += total
                }
            }
            pending.removeFirst(consumed)
            if offset >= size, consumed == 0 { break }
        }
    }
}

/// Builds a binary record: numbers little-endian as the machine stores them (the file never
/// leaves the run that wrote it), strings with a length prefix.
struct ByteRecord {
    private(set) var bytes: [UInt8] = []

    package var count: Int { bytes.count }
    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }
    /// Overwrites four bytes written earlier (a length or an offset known only later).
    package mutating func set(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value) { for (index, byte) in $0.enumerated() { bytes[offset + index] = byte } }
    }
    package mutating func append(_ value: UInt8) { bytes.append(value) }
    package mutating func append(_ value: UInt16) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
    package mutating func append(_ value: UInt32) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
    package mutating func append(_ value: UInt64) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }
    package mutating func append(contentsOf raw: [UInt8]) { bytes.append(contentsOf: raw) }
    /// Numbers in a row, in one copy (little-endian, as `append(_: UInt32)` writes each): shingle
    /// ranks, a hundred or more per answer, took a twentieth of an unchanged re-run one by one.
    package mutating func append(contentsOf values: [UInt32]) { values.withUnsafeBytes { bytes.append(contentsOf: $0) } }
    package mutating func append(_ value: Double) { withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) } }

    /// A string, or nil (written as length 0xFFFFFFFF).
    package mutating func append(_ text: String?) {
        guard let text else {
            append(UInt32.max)
            return
        }
        let utf8 = Array(text.utf8)
        append(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

/// Reads what `ByteRecord` wrote.
struct ByteReader {
    private let raw: UnsafeRawBufferPointer?
    private let array: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        array = bytes
        raw = nil
    }

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
        array = []
    }

    mutating func seek(_ position: Int) { offset = position }

    /// The bytes the reader reads from.
    private var size: Int { raw?.count ?? array.count }
    /// Bytes left to read.
    var remaining: Int { max(0, size - offset) }
    /// Set when a read went past the end (a damaged file): such reads give zeros and empty strings.
    private(set) var overrun = false

    private mutating func load<T>(_ type: T.Type) -> T {
        defer { offset += MemoryLayout<T>.size }
        guard offset + MemoryLayout<T>.size <= size else {
            overrun = true
            return withUnsafeBytes(of: (UInt64(0), UInt64(0))) { $0.loadUnaligned(as: T.self) }
        }
        if let raw { return raw.loadUnaligned(fromByteOffset: offset, as: T.self) }
        return array.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }

    /// The next four bytes as a number, without reading past them.
    func peekUInt32() -> UInt32 {
        guard offset + 4 <= size else { return UInt32.max }
        if let raw { return raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
        return array.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self) }
    }

    package mutating func byte() -> UInt8 { load(UInt8.self) }
    mutating func uint16() -> UInt16 { load(UInt16.self) }
    mutating func uint32() -> UInt32 { load(UInt32.self) }
    mutating func uint64() -> UInt64 { load(UInt64.self) }
    /// `count` raw bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        guard count <= remaining else {
            overrun = true
            offset = size
            return [UInt8](repeating: 0, count: count)
        }
        defer { offset += count }
        if let raw { return Array(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])) }
        return Array(array[offset..<(offset + count)])
    }
    /// Bytes read so far.
    var position: Int { offset }
    mutating func double() -> Double { load(Double.self) }

    mutating func string() -> String? {
        let count = uint32()
        guard count != UInt32.max else { return nil }
        guard Int(count) <= remaining else {
            overrun = true
            offset = size
            return ""
        }
        defer { offset += Int(count) }
        if let raw { return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + Int(count))]), as: UTF8.self) }
        return String(decoding: array[offset..<(offset + Int(count))], as: UTF8.self)
    }
}
