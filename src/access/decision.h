// One access decision (DESIGN.md §3 "Procedures and access", DOMAIN.md §6 ACC-1..6): for an
// actor, a catalog entry and a read channel, the answer full / these fields only / preview only /
// refused, with the reason and what the actor can do about it. Every path that reads dataset
// rows or values asks `decide` and serves no more than it allows; nothing else decides. The
// module takes plain values so that it does not depend on the catalog, the policy profile or
// the HTTP layer; the API fills them in (api/access_decision.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"

namespace kf::access {

// The ways data leaves the platform. A new read path either uses one of these or adds one here
// (and says in `decide` what it allows).
enum class Channel {
  preview,         // the first rows on the dataset page (GET …/entries/{code}/preview)
  rows,            // the data API (GET …/datasets/{code}/rows, rows.csv)
  soda,            // Socrata-compatible /resource/{code}.json|.csv
  ckan_datastore,  // CKAN datastore_search
  download_csv,
  download_xlsx,
  download_json,
  map,             // map view of point data (no route yet)
  sample,          // a sample of conditional data (ACC-3): any verified user, no grant needed
  sandbox,         // computations over unseen data (ACC-5; no route yet)
  verification,    // "does this record match?" (ACC-4; no route yet)
};

// Stable name of a channel ("download_csv"), used in route declarations, logs and JSON.
std::string_view to_string(Channel c);
// The channel of a stable name; nullopt for an unknown name.
std::optional<Channel> channel_from_string(std::string_view s);
// True for the download channels (CSV, XLSX, JSON files of the whole dataset).
bool is_download(Channel c);

// What the decision needs to know about the entry (from the catalog).
struct Subject {
  std::string code;
  std::string state;           // draft | in_review | published | suspended | withdrawn …
  std::string open_attribute;  // unconditional | conditional | not_open
  std::int64_t provider_id = 0;
  std::string provider_name;   // named in refusals: whom to contact
  std::vector<std::string> fields;  // dictionary field names, in order
};

// Who is asking. `user_id == 0`: anonymous (all other members are then ignored).
struct Actor {
  std::int64_t user_id = 0;
  std::vector<std::string> roles;
  std::vector<std::int64_t> org_ids;
  bool verified = false;                  // real name verified
  std::optional<std::string> licence;     // licence version accepted last
  std::optional<std::string> grade;       // user grade (A / AA / AAA) where the profile grades users;
                                          // (apply module's grades table)
  bool signed_in() const { return user_id != 0; }
  bool has_role(std::string_view r) const;
  bool member_of(std::int64_t org) const;
};

// The deployment's rules the decision reads: the policy profile's flags (§14) and the
// `[access]` download rule of the configuration.
struct Rules {
  bool anonymous_download = true;        // unconditional data without login (ACC-1)
  bool conditional_downloadable = true;  // conditional data may leave as a file (ACC-3)
  bool sharing_only = false;             // no open data: nothing for anonymous callers
  bool user_grades = false;              // users are graded
  bool sandbox = true;                   // the sandbox channel exists in this profile
  std::vector<std::string> grade_levels;  // lowest first, when user_grades
  std::string sandbox_grade;              // lowest level that may use the sandbox
  core::AccessRulesConfig download;       // anonymous | registered | verified, licence, preview rows
  std::string licence_version;            // the current open-data licence
  std::string licence_title;
  // The profile's names of the open attributes, for the reasons the decision gives (Lishui says
  // 受限开放 / 禁止开放).
  std::string conditional_label = "有条件开放";
  std::string not_open_label = "不予开放";
};

// An actor's grant on an entry (from an approved conditional-data application, a share grant …).
struct Grant {
  std::vector<std::string> fields;    // granted fields; empty: every field
  std::vector<Channel> channels;      // granted channels; empty: every channel
  std::optional<std::int64_t> expires_at;  // ms since the epoch; absent: no expiry
  std::string source;                 // which source granted it (for the answer and logs)
  std::int64_t id = 0;                // the source's id of the grant (0: none); recorded with each use
  std::string state = "active";       // active | suspended | terminated: only active grants serve
  std::string state_reason;           // why it is not active (shown to the holder)
  std::optional<std::int64_t> calls_per_day, rows_per_day;  // quotas; absent: none
  std::int64_t calls_today = 0, rows_today = 0;              // used today (the source counts)
};

// One use of a grant by a read path, for the grant's access log (APP-5: who, grant, channel,
// rows, bytes, fields, time).
struct GrantUse {
  std::int64_t grant_id = 0;
  std::string source;
  std::int64_t user_id = 0;
  std::string entry_code;
  Channel channel = Channel::rows;
  std::int64_t rows = 0, bytes = 0;
  std::vector<std::string> fields;  // the fields served
};

// Where grants come from. Implementations look up the actor's current grant on the entry for
// the channel; they must not throw and must be safe to call from several threads.
class GrantSource {
 public:
  virtual ~GrantSource() = default;
  // The grant the actor holds on the entry (any expiry; `decide` checks it), or nullopt.
  virtual std::optional<Grant> grant_for(const Actor& actor, const Subject& entry, Channel channel) const = 0;
  // True when users can apply for a grant through this source on the platform (only then does
  // a refusal tell them to apply).
  virtual bool accepts_applications() const = 0;
  // Records a use of one of this source's grants (its `id`). Must not throw; failures are logged.
  virtual void record_use(const GrantUse&) const {}
};

// The grant sources of the deployment. Empty today; the conditional-data applications add one.
// Thread-safe; sources must outlive the registry's use.
class GrantRegistry {
 public:
  void add(std::shared_ptr<const GrantSource> source);
  // The grant the actor holds on the entry: the first active unexpired one any source holds (at
  // `now`, ms), else the first one found (expired, suspended …: `decide` says why it does not
  // serve), or nullopt.
  std::optional<Grant> find(const Actor& actor, const Subject& entry, Channel channel, std::int64_t now) const;
  bool accepts_applications() const;
  // Passes a use to every source; a source records only uses of its own grants (`use.source`).
  void record_use(const GrantUse& use) const;

 private:
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<const GrantSource>> sources_;
};

// What the actor can do about a refusal (or a preview-only answer).
enum class Action { none, register_account, login, verify, accept_licence, apply, contact_provider };
std::string_view to_string(Action a);

struct Decision {
  enum class Kind { full, fields, preview, refused };
  Kind kind = Kind::refused;
  std::vector<std::string> fields;  // kind == fields: the only fields that may be served
  int preview_rows = 0;             // kind == preview: at most this many rows, from the first
  bool raw_allowed = false;         // the raw version may be served instead of the desensitized
                                    // copy when the caller asks (the entry's staff only)
  std::string slug;    // why not full: login_required, verification_required, licence_required,
                       // access_restricted (conditional / not open, no grant), apply_required,
                       // channel_not_allowed, grade_required, sharing_only, not_published
  std::string reason;  // Chinese, for the user; says what to do
  Action action = Action::none;
  int http_status = 403;  // for refusals: 401/403/404 as the read paths answered before
  std::optional<std::int64_t> grant_expires_at;
  std::int64_t grant_id = 0;   // the grant that allowed the read (0: none), for its access log
  std::string grant_source;

  bool refused() const { return kind == Kind::refused; }
};
std::string_view to_string(Decision::Kind k);

// The decision. Order: staff of the entry (provider's members, authority, admin) read all of
// their entries (raw on request); unpublished entries exist for nobody else; a sharing-only
// deployment serves nobody outside the organisations; not-open data is refused; conditional
// data needs a grant covering the channel (never as a file where conditional data is not
// downloadable); unconditional data follows the download rule: callers who do not meet it get
// the preview rows on query and preview channels and a refusal saying what to do on downloads.
// A grant that is not active answers 403 (grant_suspended / grant_terminated / grant_expired)
// with its reason; one whose daily calls or rows are used up answers 429 (quota_exceeded).
// Never fails; pure apart from asking `grants`.
Decision decide(const Actor& actor, const Subject& entry, Channel channel, const Rules& rules,
                const GrantRegistry& grants, std::int64_t now_ms);

}  // namespace kf::access
