#include "core/crypto.h"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

namespace kf::core {

void init_crypto() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) std::abort();  // no safe way to continue without randomness
  });
}

std::string random_token(std::size_t bytes) {
  init_crypto();
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), buf.data(), buf.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string keyed_hash(std::string_view key, std::string_view data) {
  init_crypto();
  unsigned char digest[32];
  std::string k(key.substr(0, crypto_generichash_KEYBYTES_MAX));
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(),
                     k.empty() ? nullptr : reinterpret_cast<const unsigned char*>(k.data()),
                     k.size());
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

bool equal_ct(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> hash_password(std::string_view password, const PasswordCost& cost) {
  init_crypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::internal("argon2id hashing failed (out of memory?)");
  }
  return std::string(out);
}

bool verify_password(const std::string& encoded, std::string_view password) {
  init_crypto();
  return crypto_pwhash_str_verify(encoded.c_str(), password.data(), password.size()) == 0;
}

Result<std::string> load_or_create_secret(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    std::ifstream in(path);
    std::string hex;
    in >> hex;
    if (hex.size() < 64) return Error::internal("secret file too short: " + path);
    return hex;
  }
  init_crypto();
  fs::path p(path);
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  unsigned char key[32];
  randombytes_buf(key, sizeof key);
  char hex[sizeof key * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, key, sizeof key);
  {
    std::ofstream out(path, std::ios::trunc);
    if (!out) return Error::internal("cannot write secret file: " + path);
    out << hex << '\n';
  }
  ::chmod(path.c_str(), 0600);
  return std::string(hex);
}

}  // namespace kf::core
