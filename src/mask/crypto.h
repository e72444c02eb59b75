// OpenSSL primitives of the masking functions (internal). Thread-safe: every call uses its own
// contexts.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "mask/rule.h"

namespace kf::mask::detail {

// Raw HMAC (32 bytes for SM3 and SHA-256).
std::string hmac(HashAlg alg, std::string_view key, std::string_view data);
std::string to_hex(std::string_view bytes);
// SM4-CBC with a fresh random IV; base64(IV || ciphertext).
Result<std::string> sm4_encrypt(std::string_view key, std::string_view plain);
Result<std::string> sm4_decrypt(std::string_view key, std::string_view b64);

// The same functions with the key prepared once, for a Masker that applies one key to a whole
// column: OpenSSL 3's one-shot HMAC() and EVP_sm4_cbc() look the algorithm up, build contexts
// and expand the key on every call, which cost more than the hashing itself on short values.
// Results are exactly those of hmac() / sm4_encrypt(). Immutable after construction; mac() and
// encrypt() are const and thread-safe (every call works on its own copy of the prepared state).
class PreparedHmac {
 public:
  PreparedHmac(HashAlg alg, std::string_view key);
  std::string mac(std::string_view data) const;  // raw HMAC; "" if OpenSSL fails
 private:
  struct State;
  std::shared_ptr<const State> state_;
};

class PreparedSm4 {
 public:
  explicit PreparedSm4(std::string_view key);  // 16 bytes; otherwise encrypt() fails
  Result<std::string> encrypt(std::string_view plain) const;
 private:
  struct State;
  std::shared_ptr<const State> state_;
};

}  // namespace kf::mask::detail
