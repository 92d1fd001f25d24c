extension PriorityConfig {
    /// The built-in configuration. `escalate config` prints it; a file given with `--config`
    /// overrides any subset of its keys. Every number of the priority is here and nowhere else.
    public static let defaultText = #"""
# escalate configuration, format version 1.
# A file passed with --config may set any subset of these keys; the rest keep these values.
version = 1

[decision]
# A ticket escalates when its priority (0-100) reaches this, or when a [rule.*] fires.
# 35 (= the P3 minimum) was chosen with `escalate eval Corpora/*.jsonl --folds 5 --threshold T`:
# out of fold, text-only tickets give F1 0.82 at 30, 0.71 at 35, 0.59 at 40 and 0.53 at 50,
# with precision >= 0.96 throughout; metadata adds up to 30 points for at-risk accounts.
# Tune it on your own history with `escalate tune`.
threshold = 35
# Flag `review` when the classifier's confidence max(p, 1-p) is below this.
review_confidence = 0.7

[thresholds_by_account_tier]
# Optional per-tier thresholds overriding [decision] threshold, e.g. enterprise = 40
# (`escalate tune --by account_tier --write-config FILE` writes them).

[weights]
# Priority = 100 x sum(weight x component), every component in 0..1, capped at 100.
# The weights from classifier to health sum to 1; the rest are extras on top. Text evidence carries 70%: metadata is
# often missing, and missing metadata is neutral (0).
classifier = 0.30          # naive Bayes P(escalate) from the trained model
risk = 0.25                # risk categories hit (see [risk]), saturating at 1
negativity = 0.15          # max(0, -sentiment)
tier = 0.06                # account_tier, mapped by [tiers]
arr = 0.05                 # log10(1 + arr_usd) / log10(1 + arr_full_usd)
sla = 0.07                 # 1 when breached, falling linearly to 0 at sla_window_hours left
renewal = 0.04             # 1 at renewal day, falling linearly to 0 at renewal_window_days
open_tickets = 0.02        # open_tickets / open_tickets_full
prior_escalations = 0.03   # prior_escalations / prior_escalations_full
health = 0.03              # (100 - health) / 100: an unhealthy account is at risk
# The helpdesk's own priority (declared_priority; Zendesk urgent/high/..., Jira Highest..Lowest,
# ServiceNow 1-5 or impact x urgency, P1-P5): 1 for urgent/critical, 0.5 for high, 0 for normal
# and below. Set by whoever filed the ticket, so it counts little on top of the rest (+5 points
# at most); raise it if your team's priorities are reliable, or set 0 to ignore them.
declared_priority = 0.05
# What a conversation shows (records that carry their messages; 0 for a single text, and for a
# thread whose latest customer message confirms the fix, which is then the only text scored):
thread_trend = 0.10            # (first - latest customer message sentiment) / trend_full: the tone worsened
thread_follow_ups = 0.05       # customer messages since the last agent reply / follow_ups_full
thread_repeat_contact = 0.05   # repeat-contact terms ("still waiting", "third time") / repeat_contact_full
thread_time_open = 0.03        # hours from the first to the latest message / time_open_full_hours
# How widely and how soon the ticket's problem hurts (Lexicons/impact*.txt; 0 unless the ticket
# reports a problem: a counted risk category). See [impact_urgency] for the floors.
impact = 0.10                  # 1 wide ("none of our users", "4,000 users", "production"), 0.5 several
urgency = 0.05                 # 1 immediate ("payroll runs in two hours", "right now"), 0.5 soon ("since yesterday")

[impact_urgency]
# ITIL's priority matrix as the lowest level of a ticket reporting a problem (a counted risk
# category: outage, data loss, legal threat...), by impact (wide, several, single) x urgency
# (immediate, soon, none). A floor of P3 or above escalates the ticket, like a rule
# ("impact_urgency" among its triggers). "P4" sets no floor. ITIL gives
# single x immediate a P3; here it is P4 because "urgent" is what customers write most often
# about one user's problem.
wide_immediate = "P1"
wide_soon = "P2"
wide_none = "P3"
several_immediate = "P2"
several_soon = "P3"
several_none = "P4"
single_immediate = "P4"
single_soon = "P4"
single_none = "P4"

[risk]
# Contribution of each category to the risk component (summed over distinct categories, capped at 1).
security = 1.0
data_loss = 1.0
legal = 0.9
outage = 0.8
churn = 0.7
hierarchy = 0.5
sla = 0.5
billing = 0.4

[tiers]
# account_tier value -> tier component. Unknown tiers count as 0, like missing ones.
free = 0.0
pro = 0.4
business = 0.7
enterprise = 1.0

[scales]
arr_full_usd = 1_000_000
sla_window_hours = 48
renewal_window_days = 90
open_tickets_full = 10
prior_escalations_full = 3
# A drop of this much in compound sentiment (-1..1) from the first to the latest customer
# message counts fully: -0.38 ("sync is failing") to -0.73 ("unacceptable ... your manager") is 0.35.
trend_full = 0.5
follow_ups_full = 3
repeat_contact_full = 2
time_open_full_hours = 72
# classifier_log_odds_low and classifier_log_odds_high (unset here): set by `escalate train`
# with learned weights, the classifier component is then its log-odds between the two (0 at
# low, 1 at high) instead of its probability.

[levels]
# Lowest priority for each level; below p3_min is P4. Targets: respond within minutes, resolve within hours.
p1_min = 75
p2_min = 55
p3_min = 35
p1_respond_minutes = 15
p1_resolve_hours = 2
p2_respond_minutes = 60
p2_resolve_hours = 8
p3_respond_minutes = 240
p3_resolve_hours = 24
p4_respond_minutes = 1440
p4_resolve_hours = 72

[routing]
# Escalation type and tier for an escalated ticket, by its strongest risk category.
# Categories not listed, and escalations with no risk hit, use default_*.
default_type = "functional"
default_tier = "T2"
security = "technical T3"
data_loss = "technical T3"
outage = "technical T2"
legal = "hierarchical T3"
hierarchy = "hierarchical T3"
sla = "hierarchical T2"
churn = "relationship T2"
billing = "functional T2"

# Escalation matrix: hard triggers. A rule fires when all its when_* conditions hold;
# it forces escalation and raises level and tier to at least what it names.
[rule.security]
when_risk = "security"
level = "P1"
tier = "T3"

[rule.data_loss]
when_risk = "data_loss"
level = "P1"
tier = "T3"

[rule.enterprise_outage]
when_risk = "outage"
when_account_tier = "enterprise"
level = "P1"
tier = "T2"

[rule.billing_dispute]
when_risk = "billing"
when_amount_over_usd = 1000   # dispute_amount_usd, or the largest amount written in the text
tier = "T2"
route = "billing specialist"

[rule.sla_breached]
when_sla_breached = true
level = "P2"
"""#
}
