// The case engine (issue 11): every procedure with parties, stages and deadlines in working days
// is a case of a registered flow.
//
// - A case names its parties (applicant, provider, authority, sharer, expert). Each stage is
//   assigned to a party role; who holds that role is resolved on the case (a member of the
//   provider organisation, the authority whose jurisdiction covers the case's review region …).
//   A user sees a case only through a party role they hold.
// - Stages, their actions and outcomes, and deadlines come from the policy profile: named
//   outcomes lead to a stage or an end state; due dates count working days, close in review
//   rounds (MM-DD windows), or after N update cycles of the subject; a procedure-wide deadline
//   caps every stage; the clock stops while the case waits for a correction (补正).
// - A flow (one per case type) registers itself with the engine; its hooks run inside the
//   engine's transaction, so an outcome and the case's state change commit together or not at all.
// - Notifications go through the notify module, in the same transaction.
//
// Time comes from a core::Clock; working days from a WorkingDays the runtime adapts from the
// national calendar. Several server processes may share one PostgreSQL database: every timer is
// claimed by one conditional UPDATE, so each fires exactly once.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"
#include "notify/notify.h"

namespace kf::workflow {

// Dates are ISO strings (YYYY-MM-DD) in China Standard Time.
class WorkingDays {
 public:
  virtual ~WorkingDays() = default;
  // The n-th working day after `date` (n >= 1).
  virtual std::string add(const std::string& date, int n) const = 0;
  // Working days in (a, b]; negative when b < a.
  virtual int between(const std::string& a, const std::string& b) const = 0;
};

// The China Standard Time date of a UTC instant.
std::string china_date(std::int64_t ms);

// Party roles a stage can be assigned to.
inline constexpr const char* kPartyRoles[] = {"applicant", "provider", "authority", "sharer", "expert"};

struct StageDef {
  std::string key;
  std::string label;
  std::string assignee;     // a party role: applicant | provider | authority | sharer | expert
  int deadline_wd = 0;      // 0: no deadline
  std::vector<std::string> actions;
  bool optional = false;    // runs only when the submission asks for it (e.g. Zhejiang reviews)
  std::vector<std::string> rounds;  // "MM-DD": due at the end of the round window the stage starts in
  int deadline_cycles = 0;          // due after this many update cycles of the subject
  std::map<std::string, std::string> outcomes;        // action → stage key | approved | rejected | closed
  std::map<std::string, std::string> outcome_labels;  // action → label
};

// One party of a case. Which fields matter depends on the role: applicant (user and/or
// organisation), provider and sharer (organisation), authority (region whose bureau reviews),
// expert (user, or any expert when unset).
struct Party {
  std::string role;
  std::optional<std::int64_t> user_id;
  std::optional<std::int64_t> org_id;
  std::string region;  // GB/T 2260 code; for the authority, the region under review
};

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  std::vector<std::string> roles;
  std::vector<std::int64_t> org_ids;
  bool is(std::string_view role) const;
  bool member_of(std::int64_t org) const;
};

struct Case {
  std::int64_t id = 0;
  std::string type;            // the flow: publication | catalog_change | open_list | industry_entry | …
  std::string title;           // what the inbox shows
  std::string subject_code;    // e.g. the entry code
  std::int64_t owner_org_id = 0;  // the organisation the case is about (kept for lists and old rows)
  std::string state;           // open | returned | waiting (补正) | approved | rejected | closed | withdrawn
  int stage_index = 0;
  std::vector<StageDef> stages;
  std::vector<Party> parties;
  std::string assignee_role;   // the current stage's party role, as the API shows it ("user" for applicants)
  std::optional<std::int64_t> assignee_org_id;  // nullopt: any holder of the role
  std::optional<std::string> due_date;
  std::optional<std::string> final_due_date;    // the procedure-wide deadline
  std::int64_t stage_started_at = 0;
  std::optional<std::int64_t> suspended_at;     // the clock stopped for a correction (补正)
  int round = 1;
  std::optional<std::int64_t> reminded_at, overdue_at, escalated_at;
  std::int64_t created_by = 0;
  std::string created_by_name;
  std::int64_t created_at = 0, updated_at = 0;
  boost::json::object payload;  // the flow's data

  const StageDef& stage() const { return stages.at(static_cast<std::size_t>(stage_index)); }
  bool is_last_stage() const { return stage_index + 1 == static_cast<int>(stages.size()); }
  bool closed() const;
  // The party holding `role`, or nullptr.
  const Party* party(std::string_view role) const;
};

struct Event {
  std::int64_t at = 0;
  std::string actor;
  std::string action;
  std::string stage_key;
  std::string stage_label;
  std::string comment;
  int round = 1;
  std::vector<std::string> attachments;
};

struct NewCase {
  std::string type, title, subject_code;
  std::int64_t owner_org_id = 0;
  // The submitter's stage and the reviews. Only the submitter's: the case is decided when it is
  // submitted (e.g. a routine update the profile publishes without review; see Engine::submit).
  std::vector<StageDef> stages;
  boost::json::object payload;
  // The parties; a provider party without region gets its organisation's, and an authority
  // party is added from the review level when the flow names none.
  std::vector<Party> parties;
  std::string review_level = "own";  // own | city: which bureau reviews (profile, per procedure)
  int procedure_deadline_wd = 0;     // the whole procedure, from submission; 0: none
  int cycle_days = 0;                // the subject's update cycle, for deadline_cycles (0: none)
};

// What an action does to a case, computed before it is applied.
struct Transition {
  std::string action;
  std::string from_stage;
  std::string to_stage;   // empty when the case ends or stays
  std::string end_state;  // approved | rejected | closed | withdrawn, or empty
  bool returned = false;  // back to the submitter
};

// Where organisations sit in the province → city → county tree, and who holds a role.
class Directory {
 public:
  virtual ~Directory() = default;
  // GB/T 2260 code of an organisation's region ("" when unknown).
  virtual std::string region_of(std::int64_t org_id) const = 0;
  // Enabled users holding `role`, members of `org` when given.
  virtual Result<std::vector<std::int64_t>> users_with_role(const std::string& role,
                                                            std::optional<std::int64_t> org) const = 0;
  // Enabled authority users whose jurisdiction covers `region` (see covers()).
  virtual Result<std::vector<std::int64_t>> authorities_over(const std::string& region) const = 0;
};

// Whether the bureau of `outer` has jurisdiction over `inner`: a province covers its cities and
// counties, a city its counties, a county itself. Empty `outer`: the whole deployment; empty
// `inner` (no known region): every bureau.
bool region_covers(std::string_view outer, std::string_view inner);
// The region whose bureau reviews a case of a provider in `region` at `level` (own | city).
std::string review_region(std::string_view region, std::string_view level);

class Engine;

// A flow: what one case type does. Register one per type with Engine::register_flow. Every hook
// may refuse with an error, which leaves the case (and everything the hook did) unchanged.
class Flow {
 public:
  virtual ~Flow() = default;
  virtual std::string type() const = 0;
  // Checks an action before anything is written (e.g. a resubmission is complete); may add
  // fields to `payload_update`. Runs outside the transaction.
  virtual Result<void> check(const Actor&, const Case&, const Transition&, boost::json::object& payload_update) {
    (void)payload_update;
    return kf::ok();
  }
  // Slow, idempotent preparation outside the transaction (e.g. writing a desensitized copy).
  virtual Result<void> prepare(const Actor&, const Case&, const Transition&) { return kf::ok(); }
  // The outcome, inside the engine's transaction, on the case as it will be saved.
  virtual Result<void> apply(db::Tx&, const Actor&, const Case&, const Transition&) { return kf::ok(); }
  // After a transaction that failed once prepare() had run: undo what prepare left behind.
  virtual void undo_prepare(const Actor&, const Case&, const Transition&) {}
  // What the case page shows in the flow's own panel (kind and fields); {} for none.
  virtual boost::json::object describe(const Case&) const { return {}; }
};

// An observer of every transition of a type ("" for all), run in the transaction after the
// flow's apply(): the audit log, statistics, and tests that need a failing hook.
using TransitionHook = std::function<Result<void>(db::Tx&, const Actor&, const Case&, const Transition&)>;

struct TickReport {
  int reminders = 0, overdue = 0, escalated = 0;
  int mailed = 0;  // notifications e-mailed (when a mailer is set)
};

struct CaseFilter {
  std::optional<std::string> type;
  std::optional<std::string> subject_code;
  bool assigned_to_me = false;  // cases whose current stage the actor may act on
  bool open_only = false;
};

// One action the actor may take now, for the case page's buttons.
struct AllowedAction {
  std::string code, label;
  bool needs_comment = false;
};

class Engine {
 public:
  // `directory`, `days`, `clock` and `notifier` must outlive the engine.
  Engine(db::Pool& pool, const core::Clock& clock, const WorkingDays& days, const Directory& directory,
         notify::Notifier& notifier, int reminder_lead_wd);

  // Registers the flow of a case type (once per type, while wiring, before serving).
  void register_flow(std::shared_ptr<Flow> flow);
  void add_hook(const std::string& type, TransitionHook hook);
  // A module's own timers (e.g. the obligations of grants), run by every tick() after the cases'
  // and before the e-mail of new notifications; their counts are added to the report. They must
  // claim each reminder exactly once across processes, as the engine's timers do. While wiring.
  void add_timer(std::function<Result<TickReport>()> timer);
  Flow* flow(const std::string& type) const;

  // Opens a case at its first stage (the submitter's) and moves it on at once: submitting is
  // the first stage's approval. `comment` goes into the history. The actor becomes the
  // applicant party when the first stage is the applicant's and no applicant is named.
  // A case whose only stage is the submitter's ends approved at once: the flow's prepare() runs
  // before the transaction and its apply() and the hooks inside it, with the transition
  // {action "submit", end_state "approved"}; if any of them fails, no case is opened.
  Result<Case> submit(const Actor& a, NewCase c, const std::string& comment);
  // The same inside a caller's transaction (a flow opening a follow-up case). Cases with at least
  // two stages only (internal error otherwise).
  Result<Case> submit(db::Tx& tx, const Actor& a, NewCase c, const std::string& comment);
  Result<Case> get(std::int64_t id);
  // The case when `a` holds a party role on it (or is an administrator); not_found otherwise.
  Result<Case> get_visible(const Actor& a, std::int64_t id);
  Result<std::vector<Case>> list(const Actor& a, const CaseFilter& f);
  Result<std::vector<Event>> history(std::int64_t id);

  // Whether `a` sees the case (holds one of its party roles, or is an administrator).
  bool visible(const Actor& a, const Case& c) const;
  // Whether `a` may act on the case's current stage.
  bool may_act(const Actor& a, const Case& c) const;
  // The actions `a` may take now.
  std::vector<AllowedAction> allowed(const Actor& a, const Case& c) const;
  // Whether `a`'s authority jurisdiction covers `region` (admins and authority users of no
  // organisation: everywhere).
  bool has_jurisdiction(const Actor& a, const std::string& region) const;

  // Applies an action of the current stage:
  // - approve: the stage's outcome, else the next stage, else approved;
  // - reject / return (reasons required): back to the submitter (returned), unless the stage's
  //   outcomes send it elsewhere (e.g. reject = "rejected" ends the case);
  // - resubmit (the submitter, after a return): on to the second stage, next round;
  // - withdraw (the submitter): closed as withdrawn;
  // - escalate: the authority is told, the case stays;
  // - request_correction (reasons required): the clock stops and the submitter corrects (补正);
  //   correct: back to the stage, its due date moved by the working days the case waited;
  // - a named outcome of the stage: to its stage or end state.
  // The flow's hooks run in the transaction; `payload_update` fields merge into the payload.
  Result<Case> act(const Actor& a, std::int64_t id, const std::string& action, const std::string& comment,
                   const boost::json::object& payload_update = {});

  // Reminders (reminder_lead_wd working days before the due date), overdue marking and
  // escalation to the authority, then e-mail of new notifications. Safe to run from several
  // processes at once.
  Result<TickReport> tick();

  // Working days from today to the due date (negative: overdue by that many).
  std::optional<int> days_left(const Case& c) const;
  const WorkingDays& working_days() const { return days_; }
  notify::Notifier& notifier() { return notifier_; }

 private:
  Result<Case> open_in(db::Tx& tx, const Actor& a, NewCase nc, const std::string& comment);
  Result<Transition> plan(const Actor& a, const Case& c, const std::string& action, const std::string& comment) const;
  Result<void> enter_stage(db::Tx& tx, Case& c, int index, std::int64_t now);
  std::optional<std::string> stage_due(const Case& c, const StageDef& s, std::int64_t now) const;
  Result<void> notify_party(db::Tx& tx, const Case& c, const std::string& role, const std::string& kind,
                            const std::string& title, const std::string& body);
  Result<std::vector<std::int64_t>> holders(const Case& c, const std::string& role) const;
  bool holds(const Actor& a, const Case& c, const Party& p, bool to_act) const;
  Result<void> record(db::Connection& conn, const Case& c, const Actor* a, const std::string& action,
                      const std::string& comment);
  Result<void> save(db::Connection& conn, const Case& c);
  Result<Case> load(db::Connection& conn, std::int64_t id);

  db::Pool& pool_;
  const core::Clock& clock_;
  const WorkingDays& days_;
  const Directory& directory_;
  notify::Notifier& notifier_;
  int reminder_lead_wd_;
  std::map<std::string, std::shared_ptr<Flow>> flows_;
  std::map<std::string, std::vector<TransitionHook>> hooks_;
  std::vector<std::function<Result<TickReport>()>> timers_;
};

std::vector<db::Migration> migrations();

// The due date of a stage that closes in rounds: the end of the round window `date` falls in
// (rounds are "MM-DD", in any order; after the last one of a year, the first of the next).
std::string round_due(const std::string& date, const std::vector<std::string>& rounds);
// `date` plus `days` calendar days (for update cycles).
std::string add_calendar_days(const std::string& date, int days);

boost::json::object case_to_json(const Case& c, std::optional<int> days_left);
// `c`, when given, names the labels of its stages' outcomes.
boost::json::object event_to_json(const Event& e, const Case* c = nullptr);
// The label of an action (built-in verbs; named outcomes use the stage's outcome_labels).
std::string action_label(const StageDef* stage, std::string_view action);

}  // namespace kf::workflow
