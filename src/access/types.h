// Accounts, organisations, sessions and API keys: the values the access module hands out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kf::access {

// The roles of DOMAIN.md §1. A user may hold several.
inline constexpr const char* kRoles[] = {"admin", "authority", "provider", "user", "sharer"};
bool is_role(std::string_view role);

struct Membership {
  std::int64_t org_id = 0;
  std::string org_name;
  bool is_cdo = false;           // chief data officer (首席数据官)
  bool is_commissioner = false;  // data commissioner (数据专员)
};

struct User {
  std::int64_t id = 0;
  std::string username;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::vector<std::string> roles;
  bool real_name_verified = false;
  std::optional<std::string> real_name_masked;  // e.g. 张*; the full name is not kept
  std::vector<Membership> orgs;
  bool disabled = false;          // locked by an administrator
  std::int64_t locked_until = 0;  // ms; lock-out after failed logins
  std::int64_t created_at = 0;
  std::optional<std::string> licence_version;  // open-data licence accepted last
  std::int64_t licence_accepted_at = 0;
};

struct NewUser {
  std::string username;
  std::string password;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::vector<std::string> roles = {"user"};
};

// An administrator's change to an account (PUT /api/v1/users/{id}): each part that is set
// replaces the stored one whole; unset parts are left as they are.
struct UserUpdate {
  std::optional<std::vector<std::string>> roles;
  std::optional<std::vector<Membership>> orgs;  // org_id, is_cdo, is_commissioner; names ignored
  std::optional<bool> disabled;
};

// Kinds and levels of organisations (DOMAIN.md §1).
inline constexpr const char* kOrgKinds[] = {"authority", "provider", "enterprise", "institution",
                                            "other"};
inline constexpr const char* kOrgLevels[] = {"province", "city", "county"};

struct Org {
  std::int64_t id = 0;
  std::string name;
  std::string kind;
  std::string level;
  std::string region_code;
  std::string region_name;
  std::optional<std::int64_t> parent_id;
  std::int64_t created_at = 0;
  std::optional<std::string> credit_code;           // 统一社会信用代码 (enterprises, institutions)
  std::optional<std::string> legal_representative;  // 法定代表人 (a name the organisation gives)
};

struct NewOrg {
  std::string name;
  std::string kind;
  std::string level;
  std::string region_code;
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> credit_code;           // checked (GB 32100); an organisation applying for conditional data needs one
  std::optional<std::string> legal_representative;
};

// A verified caller: from a session cookie or an API key.
struct Identity {
  User user;
  bool via_api_key = false;
  std::string session_key;  // hash of the session token (sessions)
  std::string csrf_token;   // sessions
  std::int64_t api_key_id = 0;
};

// Who an external identity provider (OpenID Connect) says signed in, after the claims mapping.
struct ExternalIdentity {
  std::string issuer, subject;             // the account's key at the provider
  std::string username;                    // proposed for a new account (adjusted if taken or invalid)
  std::optional<std::string> real_name;    // with id_number: recorded as a real-name verification
  std::optional<std::string> id_number;
  std::optional<std::string> phone;
};

struct LoginResult {
  std::string session_token;  // goes into the cookie; only its hash is stored
  std::string csrf_token;
  std::int64_t expires_at = 0;
  User user;
};

struct ApiKey {
  std::int64_t id = 0;
  std::string name;
  std::string prefix;  // shown in lists so owners can tell keys apart
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;
  bool revoked = false;
};

// Data API use of one key on one day (China time) for one dataset.
struct ApiUsage {
  std::int64_t key_id = 0;
  std::string day;  // YYYY-MM-DD
  std::string entry_code;
  std::int64_t calls = 0;
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
};

struct NewApiKey {
  ApiKey key;
  std::string secret;  // the full key, shown once
};

}  // namespace kf::access
