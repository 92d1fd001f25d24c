/// A conversation read message by message, for the thread components: how the customer's tone
/// moved from their first message to their latest, how many times they wrote since an agent last
/// did, how long it has been open, and whether their latest message says the problem is gone.
struct ThreadReading {
    let messages: [ThreadMessage]
    private(set) var evidence = ThreadEvidence()
    /// The latest customer message confirms a fix: only it is scored.
    private(set) var resolved = false

    /// A thanks alone confirms only in a message this short ("Thanks, all good!").
    static let shortMessageTokens = 12

    init(_ messages: [ThreadMessage]) { self.messages = messages }

    var customer: [ThreadMessage] { messages.filter { $0.role != .agent } }
    var lastCustomer: ThreadMessage? { messages.last { $0.role != .agent } }

    mutating func read(with escalator: Escalator) {
        let customer = customer
        evidence.customerMessages = customer.count
        evidence.followUps = Self.followUps(messages)
        let times = messages.compactMap(\.time)
        if times.count >= 2, let first = times.min(), let last = times.max() { evidence.hoursOpen = (last - first) / 3600 }
        guard customer.count >= 2, let first = customer.first, let last = customer.last else { return }
        let latest = escalator.read(message: last.utf8)
        evidence.firstSentiment = escalator.read(message: first.utf8).sentiment
        evidence.lastSentiment = latest.sentiment
        let cues = latest.cues.filter(\.counts)
        // Thanks confirm only as a short answer to an agent ("Thanks, all good!"), not at the
        // end of a request ("Please fix this today. Thank you.").
        let answersAgent = messages.lastIndex { $0.role != .agent }.map { $0 > 0 && messages[$0 - 1].role == .agent } ?? false
        let confirms = cues.contains { $0.category == "confirmation" }
            || (cues.contains { $0.category == "thanks" } && answersAgent && Self.isShort(last.utf8))
        resolved = confirms && !latest.risky && !cues.contains { $0.category == "repeat_contact" } && latest.sentiment >= 0
        evidence.resolved = resolved
    }

    /// Customer messages since the last agent reply, beyond the one that asked; with no agent
    /// reply at all, every customer message after the first.
    static func followUps(_ messages: [ThreadMessage]) -> Int {
        let lastAgent = messages.lastIndex { $0.role == .agent }
        let since = messages[(lastAgent.map { $0 + 1 } ?? 0)...].filter { $0.role != .agent }.count
        return lastAgent == nil ? max(0, since - 1) : since
    }

    static func isShort(_ utf8: [UInt8]) -> Bool {
        var words = 0, inWord = false
        for b in utf8 {
            let letter = b >= 0x80 || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39)
            if letter && !inWord { words += 1 }
            inWord = letter
        }
        return words <= shortMessageTokens
    }
}
