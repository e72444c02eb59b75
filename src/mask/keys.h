// Keys of the keyed functions (hash, pseudonymize, noise: HMAC key; encrypt: SM4 key). They live
// in a key file named in the configuration, never in the database or in logs.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace kf::mask {

struct Keys {
  std::string hmac_key;  // raw bytes; 16 or more when used
  std::string sm4_key;   // raw bytes; exactly 16 when used

  // Reads a key file of `name = "hex"` lines (valid TOML; blank lines, `#` comments and
  // `[section]` headers are ignored), with names hmac_key and sm4_key. not_found when the file
  // is missing, invalid_argument naming the line for anything malformed; messages and details
  // never contain key material.
  static Result<Keys> load(const std::string& path);
  static Result<Keys> parse(std::string_view text);
};

}  // namespace kf::mask
