/// The messages of a conversation field (`comments`, `conversations`, …) as the helpdesks export
/// them: a string, or an array of strings or message objects. Internal notes are left out; each
/// other message keeps who wrote it, where the export says, and when.
struct ThreadMessages {
    /// A thread longer than this is cut, with a warning: the cost per record stays bounded.
    static let maxMessages = 500

    private(set) var messages: [ThreadMessage] = []
    private(set) var dropped = 0
    /// What the first value that could not be read was ("a number where a message was expected").
    private(set) var unreadableType: String?

    /// Keys holding a message's text, plain text first (Zendesk `plain_body`, Freshdesk `body_text`).
    private static let textKeys = ["bodytext", "plainbody", "text", "body", "content", "value", "message"]
    /// Keys holding when a message was written (ISO 8601 text or Unix seconds).
    private static let timeKeys = ["createdat", "created", "timestamp", "date", "sentat", "postedat", "time"]
    /// Keys holding who wrote it, to compare with the record's requester.
    private static let authorKeys = ["authorid", "userid", "author.id", "author.accountid", "createdby.id", "from"]

    mutating func add(_ value: JSONValue) {
        switch value {
        case .null: return
        case .string(let s): append(ThreadMessage(role: .unknown, utf8: Array(Self.journalText(s).utf8)))
        case .array(let items): for item in items { addMessage(item) }
        case .object(let pairs):
            // Intercom nests the list: {"type": "conversation_part.list", "conversation_parts": [...]}.
            if let list = pairs.first(where: { if case .array = $0.1 { return true } else { return false } }) {
                add(list.1)
            } else {
                addMessage(value)
            }
        default: unreadableType = unreadableType ?? value.typeWithArticle + " where a message was expected"
        }
    }

    private mutating func addMessage(_ item: JSONValue) {
        // Past the limit a message is only counted: the cost of a huge thread stays bounded.
        guard messages.count < Self.maxMessages else { dropped += 1; return }
        switch item {
        case .string(let s): append(ThreadMessage(role: .unknown, utf8: Array(Self.journalText(s).utf8)))
        case .object(let pairs):
            // Each key normalized once, then every lookup is a hash probe.
            let members = Members(pairs)
            guard let role = Self.role(members) else { return }
            var message = ThreadMessage(role: role, utf8: [])
            guard let text = Self.textKeys.lazy.compactMap({ members[$0].flatMap(Self.text) }).first else {
                // A message whose text is not text ({"body": {...}}) is said, not silently skipped.
                if let wrong = Self.textKeys.lazy.compactMap({ members[$0] }).first(where: { $0 != .null }) {
                    unreadableType = unreadableType ?? "a message whose text is \(wrong.typeWithArticle)"
                }
                return
            }
            message.utf8 = text
            message.time = Self.timeKeys.lazy.compactMap { members[$0].flatMap(Timestamp.seconds) }.first
            message.author = Self.authorKeys.lazy.compactMap { members[$0].flatMap(Self.authorID) }.first
            append(message)
        case .null: return
        default: unreadableType = unreadableType ?? item.typeWithArticle + " where a message was expected"
        }
    }

    /// A message's text: a string, or a Jira document.
    private static func text(_ value: JSONValue) -> [UInt8]? {
        if case .string(let s) = value { return Array(s.utf8) }
        return DocumentText.isDocument(value) ? Array(DocumentText.text(of: value).utf8) : nil
    }

    /// A message object's members by normalized key (the last of repeated keys wins); a two-part
    /// key ("author.id") reaches one object down.
    struct Members {
        private let byKey: [String: JSONValue]

        init(_ pairs: [(String, JSONValue)]) {
            byKey = Dictionary(pairs.map { (FieldKeyTable.normalize($0.0), $0.1) }, uniquingKeysWith: { _, last in last })
        }

        subscript(key: String) -> JSONValue? {
            guard let dot = key.firstIndex(of: ".") else { return byKey[key] }
            guard case .object(let inner)? = byKey[String(key[..<dot])] else { return nil }
            return Members(inner)[String(key[key.index(after: dot)...])]
        }
    }

    /// An author's or requester's id as text (numbers as JSON writes them).
    static func authorID(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s) where !s.isEmpty: return s
        case .number(let n): return JSONWriter.number(n)
        default: return nil
        }
    }

    private mutating func append(_ message: ThreadMessage) {
        guard messages.count < Self.maxMessages else { dropped += 1; return }
        messages.append(message)
    }

    /// Who wrote a message object; nil for an internal note (Zendesk `public` false, Freshdesk
    /// `private` true, Intercom and Help Scout notes), which is not part of the conversation.
    /// Agents and bots: Freshdesk `incoming` false, Front `is_inbound` false, Intercom
    /// `author.type`, Help Scout `type` "message"; the customer where the export says so
    /// (`incoming`/`is_inbound` true, author type user/lead/contact/customer, type "customer").
    static func role(_ pairs: [(String, JSONValue)]) -> ThreadMessage.Role? { role(Members(pairs)) }

    static func role(_ m: Members) -> ThreadMessage.Role? {
        if case .bool(false)? = m["public"] { return nil }
        if case .bool(true)? = m["private"] { return nil }
        // The explicit flags decide over the type, and the type over the author's kind.
        if case .bool(let inbound)? = m["incoming"] ?? m["isinbound"] { return inbound ? .customer : .agent }
        if case .string(let t)? = m["parttype"] ?? m["type"] {
            switch t.lowercased() {
            case "note", "lineitem", "assignment", "close", "open": return nil
            case "message": return .agent
            case "customer": return .customer
            default: break
            }
        }
        // Intercom's `author.type` "user" is a customer; Help Scout's `createdBy.type` "user" an agent.
        for (key, userIs) in [("author.type", ThreadMessage.Role.customer), ("createdby.type", .agent)] {
            guard case .string(let t)? = m[key] else { continue }
            switch t.lowercased() {
            case "admin", "bot", "team", "agent", "teammate", "operator": return .agent
            case "lead", "contact", "customer", "enduser": return .customer
            case "user": return userIs
            default: continue
            }
        }
        return .unknown
    }

    /// The text of a journal entry exported as one string: Jira's CSV comment cells read
    /// "date;author;text"; the date and author are not the customer's words.
    static func journalText(_ s: String) -> String {
        if s.contains(" (Additional comments)") { return serviceNowJournal(s) }
        let parts = s.split(separator: ";", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 40, parts[0].contains(where: \.isNumber), parts[1].count <= 80,
              !parts[1].contains(" ") || parts[1].count <= 40 else { return s }
        return String(parts[2])
    }
}

/// One message of a conversation.
public struct ThreadMessage: Sendable, Equatable {
    public enum Role: Sendable, Equatable { case customer, agent, unknown }
    public var role: Role
    public var utf8: [UInt8]
    /// Unix seconds, when the export says.
    public var time: Double?
    /// The author's id, when the export gives one (compared with the requester).
    public var author: String?

    public init(role: Role, utf8: [UInt8], time: Double? = nil, author: String? = nil) {
        (self.role, self.utf8, self.time, self.author) = (role, utf8, time, author)
    }

    public var text: String { String(decoding: utf8, as: UTF8.self) }
}

extension ThreadMessages {
    /// ServiceNow's journal as exported: entries headed "2026-12-02 08:05:31 - Dana Whitcombe
    /// (Additional comments)"; the headers are not the customer's words.
    static func serviceNowJournal(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !(line.hasSuffix("(Additional comments)") && line.contains(" - ") && line.prefix(4).allSatisfy(\.isNumber))
        }.joined(separator: "\n").trimmingNewlines
    }
}

extension StringProtocol {
    var trimmingNewlines: String {
        var s = Substring(self)
        while s.first == "\n" { s = s.dropFirst() }
        while s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}

/// Atlassian Document Format (Jira Cloud REST v3 descriptions and comments): a tree of nodes
/// whose `text` leaves hold the words; block nodes become line breaks.
enum DocumentText {
    static func isDocument(_ value: JSONValue) -> Bool {
        if case .string("doc")? = value["type"], case .array? = value["content"] { return true }
        return false
    }

    static func text(of value: JSONValue) -> String {
        var out = ""
        collect(value, into: &out)
        while out.last == "\n" { out.removeLast() }
        return out
    }

    private static func collect(_ node: JSONValue, into out: inout String) {
        if case .string(let t)? = node["text"] { out += t }
        if case .string("hardBreak")? = node["type"] { out += "\n" }
        guard case .array(let children)? = node["content"] else { return }
        for child in children { collect(child, into: &out) }
        if case .string(let type)? = node["type"], ["paragraph", "heading", "listItem", "codeBlock", "blockquote"].contains(type) {
            out += "\n"
        }
    }
}
