// Applies one rule to values (MSK-3).
//
// Contract of apply(): it never returns the raw value for a value it cannot transform (a date
// rule on text that is not a date, noise on a non-number): such values are suppressed (""),
// because a published copy must not leak what the rule failed to understand. Empty values stay
// empty. apply() is const and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "mask/crypto.h"
#include "mask/keys.h"
#include "mask/rule.h"

namespace kf::mask {

// Keyed hashes are given as the first 32 hex characters (128 bits) of the HMAC: short enough for
// a column, and collisions are out of reach for any dataset size.
inline constexpr std::size_t kHashHexChars = 32;

class Masker {
 public:
  // Error::invalid when the rule needs a key the Keys lack (hash, pseudonymize, noise: hmac_key;
  // encrypt: sm4_key of 16 bytes).
  static Result<Masker> create(const Rule& rule, const Keys& keys);

  std::string apply(std::string_view value) const;
  const Rule& rule() const { return rule_; }

 private:
  Masker(Rule rule, Keys keys) : rule_(std::move(rule)), keys_(std::move(keys)) {}
  Rule rule_;
  Keys keys_;
  // hash / encrypt: the key prepared once for the whole column (shared by copies, immutable).
  std::optional<detail::PreparedHmac> hmac_;
  std::optional<detail::PreparedSm4> sm4_;
};

// Reverses encrypt(alg=sm4). Error::invalid when the key is wrong or the text is not a
// ciphertext of ours; the message never contains the value.
Result<std::string> decrypt(std::string_view ciphertext, const Keys& keys);

namespace detail {
// The building blocks, exposed for the tests (masking.cpp, generalize.cpp, pseudonymize.cpp).
std::string mask_chars(std::string_view v, int keep_first, int keep_last, std::string_view ch);
std::string truncate_chars(std::string_view v, int length);
std::string generalize(std::string_view v, GeneralizeTo to, double step);
std::string district_of(std::string_view address);
std::string pseudonym(std::string_view v, PseudoKind kind, std::string_view hmac_key);
std::string add_noise(std::string_view v, double ratio, std::string_view hmac_key);
}  // namespace detail

}  // namespace kf::mask
