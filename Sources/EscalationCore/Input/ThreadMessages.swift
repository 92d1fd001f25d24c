/// The customer's messages of a conversation field (`comments`, `conversations`, …), as the
/// helpdesks export them: a string, or an array of strings or message objects. Agents' replies
/// and internal notes are left out where the export says who wrote them; what a message object
/// does not say is read.
struct ThreadMessages {
    /// A thread longer than this is cut, with a warning: the cost per record stays bounded.
    static let maxMessages = 500

    private(set) var texts: [[UInt8]] = []
    private(set) var dropped = 0
    /// The type of the first value that was neither text nor a message.
    private(set) var unreadableType: String?

    /// Keys holding a message's text, plain text first (Zendesk `plain_body`, Freshdesk `body_text`).
    private static let textKeys = ["bodytext", "plainbody", "text", "body", "content", "value", "message"]

    mutating func add(_ value: JSONValue) {
        switch value {
        case .null: return
        case .string(let s): append(Self.journalText(s))
        case .array(let items): for item in items { addMessage(item) }
        case .object(let pairs):
            // Intercom nests the list: {"type": "conversation_part.list", "conversation_parts": [...]}.
            if let list = pairs.first(where: { if case .array = $0.1 { return true } else { return false } }) {
                add(list.1)
            } else {
                addMessage(value)
            }
        default: unreadableType = unreadableType ?? value.typeWithArticle
        }
    }

    private mutating func addMessage(_ item: JSONValue) {
        switch item {
        case .string(let s): append(Self.journalText(s))
        case .object(let pairs):
            guard Self.isCustomers(pairs) else { return }
            for key in Self.textKeys {
                guard let value = pairs.last(where: { FieldKeyTable.normalize($0.0) == key })?.1 else { continue }
                if case .string(let s) = value { return append(s) }
                if DocumentText.isDocument(value) { return append(DocumentText.text(of: value)) }
            }
        case .null: return
        default: unreadableType = unreadableType ?? item.typeWithArticle
        }
    }

    private mutating func append(_ text: String) {
        guard texts.count < Self.maxMessages else { dropped += 1; return }
        texts.append(Array(text.utf8))
    }

    /// Whether a message object may be the customer's: not an internal note (Zendesk `public`
    /// false, Freshdesk `private` true, Intercom and Help Scout notes) and not written by an
    /// agent or bot (Freshdesk `incoming` false, Front `is_inbound` false, Intercom
    /// `author.type`, Help Scout `type` "message").
    static func isCustomers(_ pairs: [(String, JSONValue)]) -> Bool {
        for (key, value) in pairs {
            switch (FieldKeyTable.normalize(key), value) {
            case ("public", .bool(false)), ("private", .bool(true)), ("incoming", .bool(false)), ("isinbound", .bool(false)):
                return false
            case ("parttype", .string(let t)), ("type", .string(let t)):
                if ["note", "message", "lineitem", "assignment", "close", "open"].contains(t.lowercased()) { return false }
            case ("author", .object(let author)), ("createdby", .object(let author)):
                if case .string(let t)? = author.last(where: { FieldKeyTable.normalize($0.0) == "type" })?.1,
                   ["admin", "bot", "team", "agent", "teammate", "operator"].contains(t.lowercased()) { return false }
            default: continue
            }
        }
        return true
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
