import FlyingSocks

/// The body of a server-sent events response: whatever is yielded into the
/// stream is written to the client as soon as it arrives (FlyingFox sends it
/// chunked). The response ends when the stream finishes.
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8

    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator {
        Iterator(base: stream.makeAsyncIterator())
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty, let buffer = await nextBuffer(suggested: 1) { pending = buffer }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            while let chunk = await base.next() {
                if !chunk.isEmpty { return chunk }
            }
            return nil
        }
    }
}
