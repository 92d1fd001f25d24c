/// The helpdesks whose exports are read with no flags: each one's field names, in the order
/// its sources are preferred, and the keys that give an export away. Names are written as the
/// vendor documents them and compared normalized (case, spaces and punctuation ignored);
/// a dotted name is a path into nested JSON. docs/helpdesks.md says where each name was checked.
///
/// A new helpdesk: a case, its `entries`, its `signature`, a fixture in Tests/Fixtures/vendors
/// and a row in the README's helpdesk table.
public enum Vendor: String, CaseIterable, Sendable {
    case zendesk, freshdesk, jira, servicenow, salesforce, intercom, hubspot, helpscout, front

    /// Source names by field, the preferred source first.
    var entries: [(key: String, field: InputField)] {
        switch self {
        case .zendesk:
            return [("id", .id), ("ticket id", .id), ("subject", .subject), ("raw_subject", .subject),
                    ("description", .body), ("comments", .comments), ("priority", .declaredPriority)]
        case .freshdesk:
            // `description` is HTML; `description_text` the same words as plain text.
            return [("id", .id), ("ticket id", .id), ("subject", .subject), ("description_text", .body), ("description", .body),
                    ("conversations", .comments), ("priority", .declaredPriority)]
        case .jira:
            return [("key", .id), ("issue key", .id), ("id", .id), ("issue id", .id),
                    ("fields.summary", .subject), ("summary", .subject),
                    ("fields.description", .body), ("description", .body),
                    ("fields.comment.comments", .comments), ("comment", .comments), ("fields.reporter.accountId", .requester),
                    ("fields.priority.name", .declaredPriority), ("priority", .declaredPriority)]
        case .servicenow:
            // `work_notes` are internal to the service desk and are not read.
            return [("number", .id), ("sys_id", .id), ("short_description", .subject), ("description", .body),
                    ("comments", .comments), ("priority", .declaredPriority), ("impact", .impact), ("urgency", .urgency)]
        case .salesforce:
            return [("CaseNumber", .id), ("Case Number", .id), ("Id", .id), ("Subject", .subject), ("Description", .body),
                    ("Priority", .declaredPriority)]
        case .intercom:
            return [("id", .id), ("title", .subject), ("source.subject", .subject), ("source.body", .body),
                    ("conversation_parts.conversation_parts", .comments), ("priority", .declaredPriority)]
        case .hubspot:
            return [("id", .id), ("hs_object_id", .id), ("properties.hs_object_id", .id), ("properties.subject", .subject), ("subject", .subject),
                    ("properties.content", .body), ("content", .body),
                    ("properties.hs_ticket_priority", .declaredPriority), ("hs_ticket_priority", .declaredPriority)]
        case .helpscout:
            // The conversation list carries a preview of the latest message, not the whole thread;
            // its top-level `threads` is a count.
            return [("number", .id), ("id", .id), ("subject", .subject), ("preview", .body),
                    ("_embedded.threads", .comments)]
        case .front:
            return [("id", .id), ("subject", .subject), ("last_message.text", .body), ("last_message.body", .body)]
        }
    }

    /// Keys (top level, or a path) that give this helpdesk's exports away: one of the first
    /// list is enough (no one else uses the name), the second list's count half each.
    var signature: (strong: [String], weak: [String]) {
        switch self {
        case .zendesk: return (["raw_subject", "ticket_form_id"], ["requester_id", "submitter_id", "via", "requester", "requested", "satisfaction_rating"])
        case .freshdesk: return (["description_text", "fr_due_by", "fr_escalated"], ["is_escalated", "email_config_id", "requester_id"])
        case .jira: return (["issue key", "issue id", "fields.summary"], ["key", "fields", "issue type"])
        case .servicenow: return (["short_description", "sys_id"], ["caller_id", "assignment_group", "work_notes"])
        case .salesforce: return (["CaseNumber", "Case Number"], ["attributes", "AccountId", "Origin"])
        case .intercom: return (["conversation_parts"], ["source", "waiting_since", "snoozed_until", "admin_assignee_id"])
        case .hubspot: return (["hs_ticket_priority", "hs_pipeline_stage", "properties.hs_ticket_priority", "properties.hs_pipeline_stage"],
                               ["properties", "properties.hs_object_id", "hs_object_id"])
        case .helpscout: return (["mailboxid", "primarycustomer"], ["_embedded", "preview", "threads", "customerwaitingsince"])
        case .front: return (["last_message"], ["_links", "recipient", "is_private"])
        }
    }

    /// How a number in the priority field reads, when it is a number.
    var numericPriority: NumericPriority {
        switch self {
        case .freshdesk: return .ascending(max: 4)     // 1 low … 4 urgent
        case .servicenow: return .descending(max: 5)   // 1 critical … 5 planning
        case .jira: return .descending(max: 5)         // priority ids 1 highest … 5 lowest
        default: return .unknown
        }
    }

    /// The signature keys among `keys` (normalized), as the vendor writes them: why it was recognized.
    public func signatureHits(normalizedKeys keys: Set<String>) -> [String] {
        (signature.strong + signature.weak).filter { keys.contains(FieldKeyTable.normalize($0)) }
    }

    /// How strongly `keys` point at this helpdesk: 2 per strong key, 1 per weak one.
    func score(normalizedKeys keys: Set<String>) -> Int {
        2 * signature.strong.filter { keys.contains(FieldKeyTable.normalize($0)) }.count
            + signature.weak.filter { keys.contains(FieldKeyTable.normalize($0)) }.count
    }

    /// The vendor whose signature `keys` (a record's keys and paths, or a header's names) match
    /// best, with a score of at least 2: one strong key, or two weak ones.
    static func detect(normalizedKeys keys: Set<String>) -> Vendor? {
        var best: (vendor: Vendor, score: Int)?
        for vendor in allCases {
            let score = vendor.score(normalizedKeys: keys)
            if score >= 2, score > (best?.score ?? 0) { best = (vendor, score) }
        }
        return best.map { $0.vendor }
    }
}

/// The scale of a numeric declared priority.
public enum NumericPriority: Sendable, Equatable {
    /// 1 is the lowest priority, `max` the highest.
    case ascending(max: Int)
    /// 1 is the highest priority, `max` the lowest.
    case descending(max: Int)
    /// Numbers are not read (the helpdesk is not known).
    case unknown
}
