// Randomness, tokens and keyed hashes (libsodium). Thread-safe after init_crypto().
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kf::core {

// Initialises libsodium; call once at start-up (idempotent).
void init_crypto();

// `bytes` random bytes encoded as URL-safe base64 without padding.
std::string random_token(std::size_t bytes);

// Hex of a BLAKE2b-256 hash of `data`, keyed with `key` when it is not empty. Used to store
// session tokens, API keys and identity numbers without keeping the secret itself.
std::string keyed_hash(std::string_view key, std::string_view data);

// Constant-time comparison of two strings of any length.
bool equal_ct(std::string_view a, std::string_view b);

// Argon2id password hashing (libsodium's crypto_pwhash_str). ops/mem are the cost; the encoded
// string records them, so verifying works with any later setting.
struct PasswordCost {
  unsigned long long ops = 2;          // crypto_pwhash_OPSLIMIT_INTERACTIVE
  std::size_t mem_bytes = 64u << 20;   // crypto_pwhash_MEMLIMIT_INTERACTIVE
};
Result<std::string> hash_password(std::string_view password, const PasswordCost& cost);
bool verify_password(const std::string& encoded, std::string_view password);

// Loads the deployment secret (32+ bytes, hex) from `path`, creating it with fresh random
// bytes (mode 0600) when missing.
Result<std::string> load_or_create_secret(const std::string& path);

}  // namespace kf::core
