// The open-data licence (开放许可协议) and the deployment's download rule (ACC-1): who may
// download unconditional data and call the data API beyond the preview.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/config.h"
#include "core/error.h"

namespace kf::access {

struct Licence {
  std::string version;    // changing it asks every user to accept again
  std::string title;
  std::string effective;  // YYYY-MM-DD
  std::string text;
};

// Reads a licence TOML file (version, title, effective, text); invalid_argument names the key.
Result<Licence> load_licence(const std::string& path);

// What the rule needs to know about the caller.
struct CallerStanding {
  bool signed_in = false;
  bool staff = false;                  // admin, authority or provider: exempt
  bool verified = false;               // real name verified
  std::optional<std::string> licence;  // version the user accepted last
};

// Ok when the caller may download / query without the preview limit; otherwise a denied
// error whose slug says what is missing (login_required, verification_required,
// licence_required) and whose message tells the user what to do.
Result<void> check_download_rule(const core::AccessRulesConfig& rule, const Licence& licence,
                                 const CallerStanding& caller);

}  // namespace kf::access
