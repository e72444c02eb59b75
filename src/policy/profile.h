// Policy profiles (DOMAIN.md §14): the labels, procedures, stages, deadlines and rules of one
// jurisdiction, read from a TOML file under data/policies/ (format: data/policies/README.md).
// A deployment names one in its configuration ([policy] profile) and may copy and edit it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kf::policy {

// One step of a procedure: who acts, by when, and what they may do.
struct Stage {
  std::string key;         // e.g. "normative_review"
  std::string label;       // 规范性审查
  std::string assignee;    // authority | provider | applicant | expert | sharer | system
  int deadline_wd = 0;     // working days from the stage's start; 0 = no deadline
  int deadline_cycles = 0; // or: within this many update cycles of the entry (Yanzhou art. 11)
  bool immediate = false;  // "at once" (即时 / 立即): due the day it starts
  bool optional = false;   // runs only when the case calls for it (e.g. 涉及国家秘密的)
  std::vector<std::string> rounds;   // "MM-DD": the stage also closes in rounds due by these dates
  std::vector<std::string> actions;  // approve, reject, return, resubmit, escalate, withdraw,
                                     // request_correction, or a named outcome of `outcomes`
  // Named outcomes (e.g. already_open, will_open, cannot_open, dispatch): action → where it
  // leads, a stage key of the same procedure or an end state (approved, rejected, closed).
  // The built-in actions may be redirected too (e.g. reject = "rejected" ends the case).
  std::map<std::string, std::string> outcomes;
  std::map<std::string, std::string> outcome_labels;  // action → what the button says
  std::string basis;       // the article it follows, shown to users
  // A refusal must come with the laws or regulations that forbid the answer (Yanzhou art. 3(二):
  // "提供相关法律法规证明材料"); shown to users beside the stage.
  bool reject_needs_legal_basis = false;
};

// End states a transition may lead to.
bool is_end_state(std::string_view s);

struct Procedure {
  std::string key, label;
  bool enabled = true;     // false: the source document has no such procedure (table says "—")
  int deadline_wd = 0;     // the whole procedure, from its start; 0 = only the stages' deadlines
  // Which authority reviews: "own" (the provider's own level, 本级) or "city" (the city level
  // or above, 市级以上: a county provider's case goes to its city's bureau; Shandong art. 8, 15).
  std::string review_level = "own";
  std::string basis;
  std::vector<Stage> stages;
  // Publication only: how a new version of an already published entry reaches the public.
  // "review" (the default): through this procedure's review stages again. "direct_if_unchanged":
  // published at once by the provider when its dictionary and desensitization rules are those of
  // the published version and its consistency report is clean; otherwise reviewed.
  std::string updates = "review";
  std::string updates_basis;  // the article the setting follows, shown to providers
  const Stage* stage(std::string_view key) const;  // nullptr when absent
};

struct Flags {
  bool conditional_downloadable = true;  // conditional data may be offered as a download (ACC-3)
  bool anonymous_download = true;        // unconditional data without login / real name (ACC-1)
  bool quarterly_review_rounds = false;  // provider reviews close in rounds (Lishui art. 11)
  bool user_grades = false;              // users are graded (A / AA / AAA, Lishui art. 10)
  bool sharing_only = false;             // government-to-government sharing only, no open data
  bool sandbox = true;                   // computations over unseen data (ACC-5)
  bool result_review = false;            // sandbox results reviewed before release (Zhejiang art. 20)
  bool publish_grant_holders = false;    // public list of who holds conditional data (APP-6)
  bool consent_required = false;         // personal data needs the subjects' consent (CLS-6)
  bool publish_violations = false;       // sanctions of grants are published (APP-7; Hangzhou 六.(五))
};

struct UserGrades {
  std::vector<std::string> levels;  // lowest first, e.g. A, AA, AAA
  std::string apply;                // lowest level that may apply for conditional data
  std::string sandbox;              // lowest level that may model in the sandbox
};

struct Profile {
  std::string key, name, region, source;  // source: the document it follows
  std::string region_code;                // GB/T 2260, may be empty; 33xxxx adds Zhejiang art. 13 reviews
  std::map<std::string, std::string> open_labels;   // unconditional|conditional|not_open → label
  std::map<std::string, std::string> share_labels;  // unconditional|conditional|not_shared → label
  int reminder_lead_wd = 2;                         // reminders this many working days before a due date
  std::optional<std::string> open_list_due;         // "MM-DD", e.g. "05-31" for Shandong
  int app_publish_months = 0;                       // applications built on conditional data due (APP-6)
  // Holders of conditional data report their use every this many months (APP-6; Lishui art. 7
  // "定期"); 0: no periodic report.
  int usage_report_months = 0;
  // Providers re-evaluate their conditional entries every this many months, whether they can be
  // opened unconditionally (CLS-5; Zhejiang art. 15 "定期进行评估"); 0: no periodic reminder.
  int reevaluate_months = 0;
  // Providers update their catalog within this many working days of a change of the law or of
  // their duties (Weifang art. 11); 0: the document sets no such deadline.
  int catalog_update_wd = 0;
  Flags flags;
  std::optional<UserGrades> user_grades;            // present exactly when flags.user_grades
  std::map<std::string, Procedure> procedures;      // by key; disabled ones too

  // The procedure with this key when it is enabled; nullptr when absent or disabled.
  const Procedure* procedure(std::string_view key) const;
};

// The profile's name of an open attribute (unconditional | conditional | not_open), e.g. 受限开放
// under lishui; the code itself when unknown.
std::string open_label(const Profile& p, std::string_view code);
// The profile's name of a share attribute (unconditional | conditional | none; `none` is the
// profile's not_shared label); the code itself when unknown.
std::string share_label(const Profile& p, std::string_view code);

// The procedures every profile must list, in display order.
const std::vector<std::string>& procedure_keys();
// Stage keys the procedure must contain when enabled (Zhejiang regions: see profile.cpp).
std::vector<std::string> required_stages(std::string_view procedure, std::string_view region_code);

// Parses a profile. invalid_argument names `file_name`, the line and the key: unknown key,
// wrong type, missing procedure or stage, bad assignee, negative deadline, unknown action.
Result<Profile> parse_profile(std::string_view toml, std::string_view file_name);
Result<Profile> load_profile(const std::string& path);
// The keys (file names without .toml) of the profiles in `dir`, sorted.
Result<std::vector<std::string>> list_profiles(const std::string& dir);
// "weifang" → data_dir/policies/weifang.toml; a path ending in .toml is used as is.
Result<Profile> find_profile(const std::string& data_dir, const std::string& key_or_path);

}  // namespace kf::policy
