// The access service: accounts, real-name verification, login sessions with lock-out,
// API keys, organisations and memberships. Thread-safe (each call borrows a pooled
// connection). Never logs or returns personal data in errors.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "access/types.h"
#include "core/clock.h"
#include "core/crypto.h"
#include "core/error.h"
#include "core/regions.h"
#include "db/database.h"

namespace kf::access {

struct AccessConfig {
  std::string secret;                         // deployment secret: keys the stored hashes
  int lockout_threshold = 5;
  std::int64_t lockout_ms = 15 * 60 * 1000;
  std::int64_t session_ttl_ms = 8 * 3600 * 1000;
  std::int64_t session_idle_ms = 30 * 60 * 1000;
  core::PasswordCost password_cost;
};

class AccessService {
 public:
  AccessService(db::Pool& pool, const core::Clock& clock, const core::RegionTable& regions,
                AccessConfig config);
  // Writes the buffered API call counts (best effort).
  ~AccessService();
  AccessService(const AccessService&) = delete;
  AccessService& operator=(const AccessService&) = delete;

  // --- users (users.cpp)
  // Validates username / password rules / phone / e-mail / roles; conflict when taken.
  Result<User> create_user(const NewUser& u);
  Result<User> get_user(std::int64_t id);
  Result<User> find_user(const std::string& username);
  Result<std::vector<User>> list_users();
  // Ids of enabled users holding `role`, members of `org` when given (workflow notifications).
  Result<std::vector<std::int64_t>> users_with_role(const std::string& role, std::optional<std::int64_t> org);
  Result<void> set_password(const std::string& username, const std::string& password);
  // Administrative lock: the account cannot log in and its sessions and keys stop working.
  Result<void> set_disabled(const std::string& username, bool disabled);
  // Checks the name and the resident ID number (GB 11643 check digit) and records the
  // verification: only a keyed hash of the number and the masked name are kept.
  Result<User> verify_real_name(std::int64_t user_id, const std::string& name,
                                const std::string& id_number);
  Result<void> add_role(std::int64_t user_id, const std::string& role);
  // The keyed hash of the user's verified identity number (nullopt: not verified), for matching
  // against lists imported with the same hash (dishonest lists).
  Result<std::optional<std::string>> id_number_hash(std::int64_t user_id);
  // The same in the caller's transaction (a workflow outcome granting a role).
  Result<void> add_role(db::Tx& tx, std::int64_t user_id, const std::string& role);
  // Replaces the roles, the memberships and / or the disabled flag of user `id` in one
  // transaction; disabling revokes the sessions (API keys stop working while disabled).
  // `actor_id` is the administrator making the change: they may neither remove their own
  // admin role nor disable themselves (invalid_argument). not_found for an unknown user or
  // organisation; invalid_argument for unknown or no roles.
  Result<User> update_user(std::int64_t actor_id, std::int64_t id, const UserUpdate& update);
  // Records that the user accepted the open-data licence `version` (ACC-1), with time and address.
  Result<User> accept_licence(std::int64_t user_id, const std::string& version, const std::string& client_ip);

  // --- sessions (sessions.cpp)
  // Errors: unauthenticated for a wrong user or password (one message for both);
  // permission_denied with slug "account_locked" while locked out or disabled.
  Result<LoginResult> login(const std::string& username, const std::string& password);
  // Signs in the account linked to an external identity, creating and linking a user account
  // (role "user", a random unusable password) the first time. A name and identity number from
  // the provider are checked and recorded as a real-name verification (only their masked name
  // and keyed hash are kept). Disabled accounts are refused as at login.
  Result<LoginResult> login_external(const ExternalIdentity& id);
  Result<void> logout(const std::string& session_key);
  // The identity behind a session cookie value; unauthenticated when unknown or expired.
  Result<Identity> authenticate_session(const std::string& token);
  Result<Identity> authenticate_api_key(const std::string& key);
  // Revokes every session of a user (password change, lock).
  Result<void> revoke_sessions(std::int64_t user_id);

  // --- API keys (api_keys.cpp)
  Result<NewApiKey> create_api_key(std::int64_t user_id, const std::string& name);
  Result<std::vector<ApiKey>> list_api_keys(std::int64_t user_id);
  // not_found when the key does not belong to the user.
  Result<void> revoke_api_key(std::int64_t user_id, std::int64_t key_id);

  // --- API usage and quotas (usage.cpp)
  // Today's date in China (UTC+8), as usage is counted.
  std::string usage_day() const;
  // Data API calls of the key today (all datasets).
  Result<std::int64_t> calls_today(std::int64_t key_id);
  // Every data API call counted so far (all callers, all days), including the calls of this
  // process not yet written (they are written first).
  Result<std::int64_t> total_calls();
  // Counts one answered data API call of any caller (anonymous, session or API key) for the
  // public statistics. Buffered in memory and written at most about once a second (by the call
  // that finds the buffer older than that, by total_calls() and at destruction), so data calls
  // do not each wait for a write; a crash loses at most the last second's counts. Never fails:
  // a failed write keeps the counts for the next one and is logged without the dataset code.
  void count_call(const std::string& entry_code);
  // Writes the buffered calls now.
  Result<void> flush_calls();
  Result<void> record_usage(std::int64_t key_id, const std::string& entry_code, std::int64_t rows,
                            std::int64_t bytes);
  // Usage of one key (the owner's, or any key for admin / authority via `all`), newest first.
  Result<std::vector<ApiUsage>> usage(std::optional<std::int64_t> user_id, std::optional<std::int64_t> key_id);
  // Seconds until midnight China time (the quota resets then).
  std::int64_t seconds_to_quota_reset() const;

  // --- organisations (orgs.cpp)
  Result<Org> create_org(const NewOrg& o);
  Result<Org> get_org(std::int64_t id);
  Result<std::optional<Org>> find_org(const std::string& name);
  Result<std::vector<Org>> list_orgs();
  Result<void> add_member(std::int64_t user_id, std::int64_t org_id, bool is_cdo,
                          bool is_commissioner);

  // The region table the service checks codes against.
  const core::RegionTable& regions() const { return regions_; }

 private:
  Result<User> load_user(db::Connection& c, std::int64_t id);
  Result<LoginResult> open_session(std::int64_t user_id);
  Result<void> fill_user_details(db::Connection& c, User& u);
  Result<Identity> identity_for(std::int64_t user_id);

  db::Pool& pool_;
  const core::Clock& clock_;
  const core::RegionTable& regions_;
  AccessConfig cfg_;
  // Data API calls counted but not yet written: (day, entry code) → calls.
  std::mutex calls_mu_;
  std::map<std::pair<std::string, std::string>, std::int64_t> pending_calls_;
  std::chrono::steady_clock::time_point calls_flushed_ = std::chrono::steady_clock::now();
  std::string dummy_hash_;  // verified against for unknown users, so timing does not tell
};

// Input rules, shared by the service and the CLI (rules.cpp).
Result<void> check_username(const std::string& username);
// At least 8 characters with three of: upper case, lower case, digit, other; not containing
// the username.
Result<void> check_password(const std::string& password, const std::string& username);
Result<void> check_phone(const std::string& phone);
Result<void> check_email(const std::string& email);

}  // namespace kf::access
