// The workflow engine (issue 6): cases that move through the stages of a procedure, each stage
// with an assignee (organisation + role) and a due date counted in working days; actions per
// stage; a history of every action; an in-app inbox; timers for reminders, overdue marking and
// escalation to the authority.
//
// The engine knows nothing about catalogs or applications: a flow (src/review/) opens a case
// with its stages (from the deployment's policy profile) and applies the effect of the outcome.
// Time comes from a core::Clock; working days from a WorkingDays the runtime adapts from the
// national calendar. Several server processes may share one PostgreSQL database: every timer
// notification is claimed by one conditional UPDATE, so each is sent exactly once.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace kf::workflow {

}  // namespace kf::workflow
namespace kf::notify {
class Mailer;
}  // namespace kf::notify
namespace kf::workflow {
using notify::Mailer;

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

struct StageDef {
  std::string key;
  std::string label;
  std::string assignee;     // "provider" (the subject's organisation) | "authority" | other role
  int deadline_wd = 0;      // 0: no deadline
  std::vector<std::string> actions;
  bool optional = false;    // runs only when the submission asks for it (e.g. Zhejiang reviews)
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
  std::string type;            // publication | catalog_change | …
  std::string title;           // what the inbox shows
  std::string subject_code;    // e.g. the entry code
  std::int64_t owner_org_id = 0;  // the provider organisation the case is about
  std::string state;           // open | returned | approved | rejected | withdrawn
  int stage_index = 0;
  std::vector<StageDef> stages;
  std::string assignee_role;
  std::optional<std::int64_t> assignee_org_id;  // nullopt: any user of the role
  std::optional<std::string> due_date;
  std::int64_t stage_started_at = 0;
  int round = 1;
  std::optional<std::int64_t> reminded_at, overdue_at, escalated_at;
  std::int64_t created_by = 0;
  std::string created_by_name;
  std::int64_t created_at = 0, updated_at = 0;
  boost::json::object payload;  // the flow's data

  const StageDef& stage() const { return stages.at(static_cast<std::size_t>(stage_index)); }
  bool is_last_stage() const { return stage_index + 1 == static_cast<int>(stages.size()); }
  bool closed() const { return state == "approved" || state == "rejected" || state == "withdrawn"; }
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

struct Notification {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string kind;   // assigned | reminder | overdue | escalated | returned | approved | rejected | withdrawn
  std::string title;
  std::string body;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> read_at;
  std::string subject_code;  // what the message is about: the case's subject, or the entry's code
};

struct NewCase {
  std::string type, title, subject_code;
  std::int64_t owner_org_id = 0;
  std::vector<StageDef> stages;  // at least one
  boost::json::object payload;
};

// Users who should hear about a stage: holders of `role`, members of `org` when given.
using Recipients = std::function<Result<std::vector<std::int64_t>>(const std::string& role,
                                                                  std::optional<std::int64_t> org)>;

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

class Engine {
 public:
  Engine(db::Pool& pool, const core::Clock& clock, const WorkingDays& days, Recipients recipients,
         int reminder_lead_wd);

  // Opens a case at its first stage (the submitter's) and moves it on at once: submitting is
  // the first stage's approval. `comment` goes into the history.
  Result<Case> submit(const Actor& a, NewCase c, const std::string& comment);
  Result<Case> get(std::int64_t id);
  Result<std::vector<Case>> list(const Actor& a, const CaseFilter& f);
  Result<std::vector<Event>> history(std::int64_t id);

  // Whether `a` may act on the case's current stage.
  bool may_act(const Actor& a, const Case& c) const;
  // approve: next stage, or approved after the last one; reject / return: back to the first
  // stage with the reasons (reasons required); resubmit (first stage, after a return): on to
  // the second stage, next round; withdraw (the submitting organisation): closed; escalate:
  // the authority is told. `payload_update` fields are merged into the case's payload.
  Result<Case> act(const Actor& a, std::int64_t id, const std::string& action, const std::string& comment,
                   const boost::json::object& payload_update = {});

  // Reminders (reminder_lead_wd working days before the due date), overdue marking and
  // escalation to the authority, then e-mail of new notifications when a mailer is set. Safe to
  // run from several processes at once.
  Result<TickReport> tick();
  using EmailOf = std::function<std::optional<std::string>(std::int64_t user_id)>;
  void set_mailer(std::shared_ptr<Mailer> mailer, EmailOf email_of) {
    mailer_ = std::move(mailer);
    email_of_ = std::move(email_of);
  }

  // Mails the notifications of the last day not mailed yet to users with an e-mail address,
  // each once (claimed like the timers); returns how many were sent. Failures are logged
  // without the address and not retried.
  Result<int> deliver_mail(Mailer& mailer,
                           const std::function<std::optional<std::string>(std::int64_t user_id)>& email_of);

  Result<std::vector<Notification>> inbox(std::int64_t user_id, bool unread_only);
  Result<void> mark_read(std::int64_t user_id, std::int64_t notification_id);

  // Working days from today to the due date (negative: overdue by that many).
  std::optional<int> days_left(const Case& c) const;
  const WorkingDays& working_days() const { return days_; }

 private:
  Result<void> enter_stage(db::Connection& conn, Case& c, int index, std::int64_t now);
  Result<void> notify(db::Connection& conn, const Case& c, const std::string& role, std::optional<std::int64_t> org,
                      const std::string& kind, const std::string& title, const std::string& body);
  Result<void> record(db::Connection& conn, const Case& c, const Actor* a, const std::string& action,
                      const std::string& comment);
  Result<void> save(db::Connection& conn, const Case& c);
  Result<Case> load(db::Connection& conn, std::int64_t id);

  db::Pool& pool_;
  const core::Clock& clock_;
  const WorkingDays& days_;
  Recipients recipients_;
  int reminder_lead_wd_;
  std::shared_ptr<Mailer> mailer_;
  EmailOf email_of_;
};

std::vector<db::Migration> migrations();

boost::json::object case_to_json(const Case& c, std::optional<int> days_left);
boost::json::object event_to_json(const Event& e);
boost::json::object notification_to_json(const Notification& n);

}  // namespace kf::workflow
