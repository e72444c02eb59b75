// Conditional (restricted) data: applications, agreements, grants, obligations and sanctions
// (DOMAIN.md APP-1..7, ACC-3). An application is a case of the "conditional_application" flow on
// the case engine; its stages and deadlines come from the policy profile. Approval of the last
// stage creates a grant, which the access decision finds through `GrantStore` (an
// access::GrantSource); every read a grant allows is recorded in its access log.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/decision.h"
#include "access/service.h"
#include "catalog/service.h"
#include "core/clock.h"
#include "db/database.h"
#include "review/review.h"
#include "workflow/workflow.h"

namespace kf::apply {

// What the profile and the deployment say about conditional data (filled by app from the policy
// profile; no profile names in this module).
struct ApplyConfig {
  std::string secret;                    // keys the hashes of identity numbers and credit codes
  bool conditional_downloadable = true;  // download may be granted (ACC-3; Zhejiang art. 20: no)
  bool sandbox = true;                   // the sandbox channel may be granted
  bool publish_grant_holders = false;    // public list of grant holders (Zhejiang art. 16)
  std::vector<std::string> grade_levels;  // lowest first; empty: users are not graded
  std::string apply_grade;               // lowest grade that may apply (Lishui: AA)
  int app_publish_months = 0;            // the application built on the data, due after (0: none)
  int usage_report_months = 0;           // usage reports due every this many months (0: none)
  int reevaluate_months = 0;             // conditional entries re-evaluated every this many months (CLS-5)
  bool publish_violations = false;       // sanctions are published (Hangzhou 六.(五))
  std::string conditional_label = "有条件开放";
  std::string platform_name;             // for the agreement
  std::string agreement_template;        // the model text (data/agreements/<profile>.md)
  std::string agreement_template_name;   // its file name, kept with each signed agreement
  std::int64_t max_attachment_bytes = 10 << 20;
  // Either party ends the agreement early with this many days' notice (the model agreement,
  // art. 8.3: 提前 15 日通过开放平台书面通知对方).
  int notice_days = 15;
};

// The application form and demand list (APP-2) as the applicant fills them in.
struct ApplicationForm {
  std::string entry_code;
  std::optional<std::int64_t> org_id;   // applying for this organisation (a member); else for oneself
  std::string contact_name, contact_phone;
  std::string app_name;                 // the application or service the data is for
  std::string domain, scenario, service_scope, users, concurrency, expected_effect;
  std::string system_name, machine_room;
  int protection_level = 0;             // 等保 level (0: none given)
  std::string protection_filing_no;     // 等保 filing number
  std::vector<std::string> fields;      // the data items wanted (dictionary names)
  std::vector<std::string> channels;    // api | sandbox | download
  int months = 12;                      // how long the data is needed (1..36)
  std::optional<std::int64_t> calls_per_day, rows_per_day;
  bool commitment_accepted = false;     // the security commitment (公共数据安全承诺书)
  bool conditions_confirmed = false;    // the entry's own conditions were read and are met
  std::vector<std::int64_t> attachments;  // uploaded materials (credit report, proof)
  std::optional<std::int64_t> renews;     // renewing this grant of the applicant's on the same entry (APP-4)
  // Changing the terms of this grant of the applicant's on the same entry (APP-4: 变更): the same
  // procedure; when the new grant opens, this one ends (its record says by which).
  std::optional<std::int64_t> amends;
};

struct Attachment {
  std::int64_t id = 0;
  std::int64_t owner_user_id = 0;
  std::optional<std::int64_t> case_id;
  std::string kind;  // credit_report | protection_certificate | proof | usage_report | data_return | app_result
  std::string file_name, content_type, sha256;
  std::int64_t size = 0;
  std::int64_t created_at = 0;
};

struct Agreement {
  std::int64_t id = 0, case_id = 0;
  std::string text, sha256, template_name;
  std::int64_t signer_user_id = 0;
  std::string signer_name;
  std::int64_t signed_at = 0;
  std::string address;  // the signer's network address
};

struct Grant {
  std::int64_t id = 0, case_id = 0;
  std::string entry_code, entry_name;
  std::int64_t provider_id = 0;
  std::int64_t holder_user_id = 0;
  std::optional<std::int64_t> holder_org_id;
  std::string holder_name;  // the organisation's name, or the user's masked real name
  std::vector<std::string> fields;
  std::vector<std::string> channels;  // api | sandbox | download
  std::optional<std::int64_t> calls_per_day, rows_per_day;
  std::string purpose;
  std::int64_t starts_at = 0, expires_at = 0;
  std::string state;  // active | suspended | terminated
  std::string state_reason;
  std::optional<std::string> rectify_by;  // YYYY-MM-DD: rectification demanded by then
  std::optional<std::string> report_due;  // YYYY-MM-DD: the next usage report (利用情况报告)
  std::optional<std::string> app_due;     // YYYY-MM-DD: the application built on the data
  std::int64_t created_at = 0;
  std::optional<std::int64_t> app_overdue_at;  // the application was not published by app_due
  std::optional<std::int64_t> report_overdue_at;  // no usage report by report_due
};

struct GrantUseRow {
  std::int64_t id = 0, grant_id = 0, user_id = 0;
  std::string username, channel;
  std::int64_t rows = 0, bytes = 0;
  std::vector<std::string> fields;
  std::int64_t at = 0;
};

struct GrantEvent {
  std::int64_t id = 0, grant_id = 0;
  std::string action;  // suspend | restore | rectify | terminate | notice | superseded | usage_report | data_return | app_result
  std::string reason;
  std::string by;
  std::int64_t at = 0;
};

struct DishonestImport {
  int added = 0;
  std::vector<std::string> problems;  // "第 3 行：…", at most 100
};

// The access decision's view of the grants table. Thread-safe.
class GrantStore final : public access::GrantSource {
 public:
  GrantStore(db::Pool& pool, const core::Clock& clock) : pool_(pool), clock_(clock) {}
  std::optional<access::Grant> grant_for(const access::Actor& actor, const access::Subject& entry,
                                         access::Channel channel) const override;
  bool accepts_applications() const override { return true; }
  void record_use(const access::GrantUse& use) const override;
  static constexpr const char* kSource = "conditional_application";

 private:
  db::Pool& pool_;
  const core::Clock& clock_;
};

// The China Standard Time day (YYYY-MM-DD) of a moment: quotas reset at midnight in Beijing.
std::string beijing_day(std::int64_t ms);

class ApplyService {
 public:
  ApplyService(db::Pool& pool, const core::Clock& clock, catalog::CatalogService& catalog,
               access::AccessService& access, review::ReviewService& review, ApplyConfig cfg);

  // Registers the "conditional_application" flow on the engine (once, while wiring; only when
  // the profile has the procedure).
  void register_flow();

  // Stores an uploaded material (PDF, PNG or JPEG by content, at most max_attachment_bytes) with
  // its SHA-256, owned by the uploader until an application names it.
  Result<Attachment> upload(const catalog::Actor& a, const std::string& kind, const std::string& file_name,
                            const std::string& bytes);
  // The material's row and bytes, for its owner and the parties of its case.
  Result<std::pair<Attachment, std::string>> attachment(const catalog::Actor& a, std::int64_t id);

  // APP-1/2: checks eligibility (real name, dishonest lists, grade, membership, the entry is
  // published conditional data, no open application of the same applicant for it) and the
  // materials, then opens the case. Errors: invalid_argument (field), permission_denied with slug
  // verification_required | dishonest_listed | grade_required, conflict, unavailable.
  Result<workflow::Case> submit(const catalog::Actor& a, const ApplicationForm& f);
  // An action on an application: the engine's verbs; a provider's refusal needs `legal_ground`;
  // a provider approving its review may narrow the fields and set the quotas.
  struct ActOptions {
    std::optional<std::vector<std::string>> granted_fields;
    std::optional<std::int64_t> calls_per_day, rows_per_day;
    std::string legal_ground;
  };
  Result<workflow::Case> act(const catalog::Actor& a, std::int64_t case_id, const std::string& action,
                             const std::string& comment, const ActOptions& o);
  // The agreement text as it reads now (draft before signing, the signed text after), for the
  // parties of the case.
  Result<Agreement> agreement(const catalog::Actor& a, std::int64_t case_id);
  // APP-4: the applicant signs ("同意并保存") at the agreement stage: the text, its SHA-256, the
  // signer, time and address are kept and the case moves on.
  Result<workflow::Case> sign(const catalog::Actor& a, std::int64_t case_id, const std::string& address);

  // Grants the actor sees: holders their own, providers those on their entries, the authority
  // and admins all.
  Result<std::vector<Grant>> grants(const catalog::Actor& a);
  Result<Grant> grant(const catalog::Actor& a, std::int64_t id);
  Result<std::vector<GrantUseRow>> uses(const catalog::Actor& a, std::int64_t grant_id, int limit);
  Result<std::vector<GrantEvent>> events(const catalog::Actor& a, std::int64_t grant_id);
  // APP-7: suspend (at once) | restore | rectify (with `rectify_by`) | terminate, by the provider of
  // the entry or the authority; goes into the holder's credit record.
  Result<Grant> sanction(const catalog::Actor& a, std::int64_t grant_id, const std::string& action,
                         const std::string& reason, const std::optional<std::string>& rectify_by);
  // APP-4: either party ends the agreement early by notice through the platform: the holder (or a
  // member of the holding organisation), the entry's provider or the authority. `effective_on`
  // (YYYY-MM-DD) is at least notice_days away and before the grant's expiry; the grant then
  // expires at the end of that day, the other party is told and the notice is in the grant's
  // record. conflict when the grant is terminated.
  Result<Grant> give_notice(const catalog::Actor& a, std::int64_t grant_id, const std::string& effective_on,
                            const std::string& reason);
  // APP-6: the holder's usage report, data return or published application (an uploaded file).
  Result<GrantEvent> report(const catalog::Actor& a, std::int64_t grant_id, const std::string& kind,
                            std::int64_t attachment_id, const std::string& note);
  // ACC-3: the sample of an entry: the rows the provider uploaded (CSV with the dictionary's
  // columns), else the first `rows` (at most 200) of the published, desensitized version with
  // every key field, every field above security grade L1 and every field with a desensitization
  // rule replaced by a keyed pseudonym (the same value gets the same pseudonym within the entry).
  // The caller has asked the access decision (channel sample).
  struct Sample {
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::string source;  // uploaded | generated
  };
  Result<Sample> sample(const catalog::Entry& e, int rows);
  // The provider's staff upload a sample (CSV, header = the dictionary's field names, at most 1,000
  // rows) or remove it (`csv` empty: the generated one is served again).
  Result<Sample> set_sample(const catalog::Actor& a, const std::string& code, const std::string& csv);

  // Zhejiang art. 16: who holds restricted data, which entries, until when (active grants).
  // unavailable when the profile does not publish it.
  Result<std::vector<Grant>> holders();

  // APP-7 (Hangzhou 六.(五)): the published violations — every suspension, demand for
  // rectification and termination of a grant, newest first, with the holder (organisation name or
  // masked person's name), the entry, the measure and its reason. unavailable when the profile
  // does not publish them.
  Result<boost::json::array> violations(int limit);

  // APP-1: the authority imports a dishonest list (CSV with a column 统一社会信用代码 or 身份证号码),
  // `kind`: 失信被执行人 | 严重违法失信 | 经营异常.
  Result<DishonestImport> import_dishonest(const catalog::Actor& a, const std::string& kind, const std::string& source,
                                           const std::string& listed_on, const std::string& csv);
  // The same from an uploaded file: CSV (any common Chinese encoding, detected) or XLSX (the
  // first sheet), by the extension of `file_name`. Problems name the file's line or sheet row.
  Result<DishonestImport> import_dishonest_file(const catalog::Actor& a, const std::string& kind,
                                                const std::string& source, const std::string& listed_on,
                                                const std::string& file_name, const std::string& bytes);
  // Counts per list kind and source, for the authority.
  Result<boost::json::array> dishonest_summary(const catalog::Actor& a);
  // Lishui art. 10: the authority sets a user's or an organisation's grade with its evidence
  // directly (outside the grading procedure: a correction, or grades set before the platform);
  // the change is recorded with `reason`.
  Result<boost::json::object> set_grade(const catalog::Actor& a, std::optional<std::int64_t> user_id,
                                        std::optional<std::int64_t> org_id, const std::string& grade,
                                        const boost::json::object& evidence,
                                        const std::string& reason = "主管部门直接评定");
  // Lishui art. 10: a real-name verified user asks to be graded, for themself or for an
  // organisation they belong to, with the evidence the article names (等保 level and filing
  // number, certificates, company type; the platform checks the dishonest lists). The case
  // follows the profile's "user_grading" procedure; when its last stage is approved the grade the
  // authority decides (with the experts' opinion) is set. Errors: unavailable (no procedure),
  // permission_denied (verification_required | dishonest_listed), invalid_argument (field),
  // conflict (a grading of the same subject is open, or the subject already holds that grade).
  struct GradeRequest {
    std::optional<std::int64_t> org_id;  // for this organisation (a member); else the user themself
    std::string grade;                   // asked for
    int protection_level = 0;            // 等保 level of the system that will use the data (0: none)
    std::string protection_filing_no;    // its filing number
    std::string certificates;            // 质量 / 信息安全管理体系等认证证书, 业绩证明
    std::string enterprise_type;         // 国有企业、私营企业、合资企业…
    std::string note;
    std::vector<std::int64_t> attachments;  // the certificates and credit report (uploaded first)
  };
  Result<workflow::Case> apply_for_grade(const catalog::Actor& a, const GradeRequest& r);
  // An action on a grading case: the engine's verbs; approving the last stage needs `grade` (one
  // of the profile's levels) and the experts' opinion.
  Result<workflow::Case> act_on_grading(const catalog::Actor& a, std::int64_t case_id, const std::string& action,
                                        const std::string& comment, const std::optional<std::string>& grade,
                                        const std::string& expert_opinion);
  // The actor's grades (their own and their organisations'), the changes of those grades and
  // their grading cases, with the profile's levels.
  Result<boost::json::object> my_grade(const catalog::Actor& a);
  // Every grade change, newest first, for the authority (permission_denied for others).
  Result<boost::json::array> grade_changes(const catalog::Actor& a, int limit);
  // Registers the "user_grading" flow (only when the profile has the procedure).
  void register_grading_flow();
  // The published list of graded users (organisation names, masked names).
  Result<boost::json::array> graded();
  // The highest grade of the user or of an organisation they belong to.
  Result<std::optional<std::string>> grade_of(std::int64_t user_id, const std::vector<std::int64_t>& org_ids);

  // The grants' timers (run by the engine's tick): a reminder 10 days before the application
  // built on the data or the periodic usage report is due (APP-6) and an overdue mark (holder and
  // provider told) the day after;
  // a reminder 30 days before a grant expires, to renew in time. Each is claimed once with a
  // conditional UPDATE, so several processes may tick together.
  Result<workflow::TickReport> tick();

  // CLS-5: the published conditional entries the actor sees (providers their own, the authority
  // all) with their last evaluation and when the next is due (null when the profile sets no
  // period), soonest first. permission_denied for other users.
  Result<boost::json::array> reevaluations(const catalog::Actor& a);
  // A provider's staff record the evaluation of their conditional entry: `keep` (with the reason)
  // or `convert` (the answer's `next` names the catalog change procedure, which the authority
  // reviews; the entry stays conditional until then). conflict when the entry is not published
  // conditional data.
  Result<boost::json::object> reevaluate(const catalog::Actor& a, const std::string& code, const std::string& conclusion,
                                         const std::string& note);
  // Timer: once a day, tells the provider's staff of each conditional entry whose evaluation fell
  // due (once per entry and due date; several processes may tick together).
  Result<workflow::TickReport> reevaluation_tick();
  // Registers reevaluation_tick on the engine when the profile sets a period.
  void register_reevaluation();

  const ApplyConfig& config() const { return cfg_; }
  workflow::Engine& engine() { return review_.engine(); }

  // Used by the flow (in the engine's transaction).
  Result<void> create_grant(db::Tx& tx, const workflow::Case& c);
  Result<void> store_agreement(db::Tx& tx, const workflow::Case& c);
  std::string render_agreement(const workflow::Case& c, const std::string& signer, std::int64_t at) const;
  boost::json::object panel(const workflow::Case& c) const;
  Result<void> store_grade(db::Tx& tx, const workflow::Case& c);
  boost::json::object grading_panel(const workflow::Case& c) const;

 private:
  Result<void> check_eligible(const catalog::Actor& a, const access::User& u, const std::optional<access::Org>& org);
  // permission_denied (slug dishonest_listed) when the user's identity number or the
  // organisation's credit code is on an imported dishonest list; `what` completes "不能…".
  Result<void> check_credit(const access::User& u, const std::optional<access::Org>& org, const std::string& what);
  // The name a grade's subject ("user" | "org") is shown by: the organisation's name, or the
  // person's masked real name (else "个人用户" on the published list, the username elsewhere);
  // empty when the subject is gone.
  std::string subject_name(const std::string& kind, std::int64_t id, bool published) const;
  // Submits the case and ties the materials to it, in one transaction.
  Result<workflow::Case> open_case(const catalog::Actor& a, const workflow::NewCase& nc, const std::string& comment,
                                   const std::vector<std::int64_t>& attachments);
  // The materials `ids`, each uploaded by `a` and not yet part of a case; invalid_argument otherwise.
  Result<std::vector<Attachment>> new_attachments(const catalog::Actor& a, const std::vector<std::int64_t>& ids);
  // Sets the grade of a subject ("user" | "org") in `tx` (nullopt: removes it) and records the
  // change with its reason and what caused it.
  struct GradeCause {
    std::string reason;
    std::optional<std::int64_t> case_id, grant_id;
    std::int64_t by_user_id = 0;
    std::string by_name;
  };
  Result<void> write_grade(db::Tx& tx, const std::string& kind, std::int64_t id, const std::optional<std::string>& grade,
                           const boost::json::object& evidence, const GradeCause& cause);
  // APP-7 / Lishui art. 24: a grant ended for a violation lowers its holder's grade one level (the
  // lowest level is removed), in the sanction's transaction; nothing when grades are off or the
  // holder is not graded.
  Result<void> downgrade_for_violation(db::Tx& tx, const Grant& g, const std::string& reason, const catalog::Actor& by);
  Result<bool> sees_grant(const catalog::Actor& a, const Grant& g);
  // `rows[0]` is the header; `lines[i]` is where rows[i] stands in the file.
  Result<DishonestImport> import_dishonest_rows(const catalog::Actor& a, const std::string& kind,
                                                const std::string& source, const std::string& listed_on,
                                                std::vector<std::vector<std::string>> rows,
                                                std::vector<std::int64_t> lines);

  db::Pool& pool_;
  const core::Clock& clock_;
  catalog::CatalogService& catalog_;
  access::AccessService& access_;
  review::ReviewService& review_;
  ApplyConfig cfg_;
  std::mutex reevaluation_mu_;
  std::string reevaluation_day_;  // the day the last re-evaluation pass ran (guarded by the mutex)
};

// `months` calendar months after `ms` (the same day of the month, or the month's last day).
std::int64_t months_later(std::int64_t ms, int months);

std::vector<db::Migration> migrations();
boost::json::object to_json(const Grant& g);
boost::json::object to_json(const Attachment& a);
std::string sha256_hex(std::string_view data);

}  // namespace kf::apply
