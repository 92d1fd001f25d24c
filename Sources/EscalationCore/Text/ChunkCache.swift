/// What the ICU path made of recent chunks, by their bytes: a chunk is tokenized the same
/// wherever it stands, and the chunks ICU must read recur (names, sign-offs, set phrases on a
/// line of their own), each costing tens of thousands of instructions through ICU.
struct ChunkCache {
    /// Bounds: chunks longer than this are not kept, and the cache starts over when full. An
    /// entry holds at most 256 bytes twice and 10 bytes a token (a token takes a byte or more):
    /// about 2.5 KB, so 2.5 MB a thread at worst and far less for ordinary text.
    static let maxChunkBytes = 256, maxChunks = 1024

    private var tokensOfChunk: [[UInt8]: ChunkTokens] = [:]
    /// The vocabulary whose ids the remembered tokens carry (nil: none looked up).
    private var vocabulary: ObjectIdentifier?

    var count: Int { tokensOfChunk.count }

    subscript(chunk: [UInt8]) -> ChunkTokens? { tokensOfChunk[chunk] }

    /// Forgets everything if the ids were looked up in another vocabulary (or none). Out of
    /// line: the tokenizer's main loop stays small.
    @inline(never) mutating func use(_ vocabulary: Vocabulary?) {
        let owner = vocabulary.map(ObjectIdentifier.init)
        guard owner != self.vocabulary else { return }
        tokensOfChunk.removeAll()
        self.vocabulary = owner
    }

    mutating func removeAll() { tokensOfChunk.removeAll() }

    mutating func remember(_ chunk: [UInt8], _ tokens: ChunkTokens) {
        guard chunk.count <= Self.maxChunkBytes else { return }
        if tokensOfChunk.count >= Self.maxChunks { tokensOfChunk.removeAll(keepingCapacity: true) }
        tokensOfChunk[chunk] = tokens
    }
}
