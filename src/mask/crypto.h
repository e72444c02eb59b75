// OpenSSL primitives of the masking functions (internal). Thread-safe: every call uses its own
// contexts.
#pragma once

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

}  // namespace kf::mask::detail
