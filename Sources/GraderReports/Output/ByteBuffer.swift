import Foundation

/// Bytes being written, in memory a worker keeps from document to document. Not an array: a
/// report is appended to in many small pieces (a tag, a quote, a few escaped words), and for each
/// `Array.append(contentsOf:)` checked the array's uniqueness and capacity and copied through the
/// generic sequence path, a seventh of the XML report's time in profiles; here an append is a
/// capacity test and a `memcpy`. Not copyable, so its memory has one owner, which frees it.
package struct ByteBuffer: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    package private(set) var count = 0
    private var capacity: Int

    package init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Empties the buffer, keeping its memory, and makes room for `minimum` bytes.
    package mutating func removeAll(reserving minimum: Int) {
        count = 0
        if minimum > capacity { grow(to: minimum) }
    }

    @inline(__always)
    package mutating func append(_ source: UnsafeRawPointer, count length: Int) {
        if count + length > capacity { grow(to: count + length) }
        memcpy(base + count, source, length)
        count += length
    }

    @inline(__always)
    package mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        append(source, count: bytes.count)
    }

    @inline(__always)
    package mutating func append(_ literal: StaticString) {
        append(literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    @inline(__always)
    package mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    /// `value` in decimal, written in place.
    package mutating func append(decimal value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude, digits = 1
        while magnitude >= 10 { magnitude /= 10; digits += 1 }
        if count + digits > capacity { grow(to: count + digits) }
        magnitude = value.magnitude
        for index in stride(from: count + digits - 1, through: count, by: -1) {
            base[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        }
        count += digits
    }

    /// The bytes written, where they lie: valid only during the call.
    package func withBytes<Result, Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Result) throws(Failure) -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the bytes written.
    package var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    private mutating func grow(to minimum: Int) {
        var grown = capacity * 2
        while grown < minimum { grown *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.initialize(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }
}
