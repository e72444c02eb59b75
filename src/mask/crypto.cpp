#include "mask/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <memory>
#include <vector>

namespace kf::mask::detail {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string base64(std::string_view raw) {
  std::string out(4 * ((raw.size() + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(raw),
                                static_cast<int>(raw.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool unbase64(std::string_view b64, std::string& out) {
  if (b64.empty() || b64.size() % 4 != 0) return false;
  out.assign(b64.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes(b64),
                                static_cast<int>(b64.size()));
  if (n < 0) return false;
  std::size_t len = static_cast<std::size_t>(n);
  // EVP_DecodeBlock keeps the zero bytes that padding stands for.
  if (b64.ends_with("==")) len -= 2;
  else if (b64.ends_with("=")) len -= 1;
  out.resize(len);
  return true;
}

}  // namespace

std::string hmac(HashAlg alg, std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const EVP_MD* evp = alg == HashAlg::hmac_sm3 ? EVP_sm3() : EVP_sha256();
  HMAC(evp, key.data(), static_cast<int>(key.size()), bytes(data), data.size(), md, &len);
  return std::string(reinterpret_cast<char*>(md), len);
}

std::string to_hex(std::string_view raw) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(raw.size() * 2);
  for (unsigned char c : raw) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

Result<std::string> sm4_encrypt(std::string_view key, std::string_view plain) {
  if (key.size() != 16) return Error::internal("sm4 key must be 16 bytes");
  unsigned char iv[16];
  if (RAND_bytes(iv, sizeof iv) != 1) return Error::internal("RAND_bytes failed");
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(reinterpret_cast<char*>(iv), sizeof iv);
  out.resize(16 + plain.size() + 16);
  auto* dst = reinterpret_cast<unsigned char*>(out.data()) + 16;
  int n1 = 0;
  int n2 = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_sm4_cbc(), nullptr, bytes(key), iv) != 1 ||
      EVP_EncryptUpdate(ctx.get(), dst, &n1, bytes(plain), static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), dst + n1, &n2) != 1) {
    return Error::internal("SM4 encryption failed");
  }
  out.resize(16 + static_cast<std::size_t>(n1 + n2));
  return base64(out);
}

Result<std::string> sm4_decrypt(std::string_view key, std::string_view b64) {
  std::string raw;
  if (key.size() != 16) return Error::invalid("SM4 密钥应为16字节", "sm4_key");
  if (!unbase64(b64, raw) || raw.size() < 32 || raw.size() % 16 != 0) {
    return Error::invalid("密文格式错误", "value");
  }
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(raw.size(), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int n1 = 0;
  int n2 = 0;
  const std::string_view body = std::string_view(raw).substr(16);
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_sm4_cbc(), nullptr, bytes(key), bytes(raw)) != 1 ||
      EVP_DecryptUpdate(ctx.get(), dst, &n1, bytes(body), static_cast<int>(body.size())) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), dst + n1, &n2) != 1) {
    return Error::invalid("解密失败：密钥错误或密文已损坏", "value");
  }
  out.resize(static_cast<std::size_t>(n1 + n2));
  return out;
}

// HMAC (RFC 2104) = H((K ^ opad) || H((K ^ ipad) || data)), K the key (hashed first when longer
// than a block) padded with zeros to a block. The digest states after the pad blocks are kept.
struct PreparedHmac::State {
  EVP_MD* md = nullptr;
  EVP_MD_CTX* inner = nullptr;
  EVP_MD_CTX* outer = nullptr;
  ~State() {
    EVP_MD_CTX_free(inner);  // the digest contexts are cleansed when freed
    EVP_MD_CTX_free(outer);
    EVP_MD_free(md);
  }
};

PreparedHmac::PreparedHmac(HashAlg alg, std::string_view key) {
  auto s = std::make_shared<State>();
  s->md = EVP_MD_fetch(nullptr, alg == HashAlg::hmac_sm3 ? "SM3" : "SHA256", nullptr);
  if (s->md == nullptr) return;
  const int block = EVP_MD_get_block_size(s->md);
  std::array<unsigned char, 128> k{};  // SM3 and SHA-256: 64-byte blocks
  if (block <= 0 || static_cast<std::size_t>(block) > k.size()) return;
  bool ok = true;
  if (key.size() > static_cast<std::size_t>(block)) {
    unsigned int n = 0;
    ok = EVP_Digest(key.data(), key.size(), k.data(), &n, s->md, nullptr) == 1;
  } else {
    std::copy(key.begin(), key.end(), k.begin());
  }
  std::array<unsigned char, 128> pad{};
  s->inner = EVP_MD_CTX_new();
  s->outer = EVP_MD_CTX_new();
  for (auto [ctx, x] : {std::pair{s->inner, 0x36}, std::pair{s->outer, 0x5c}}) {
    for (int i = 0; i < block; ++i) pad[static_cast<std::size_t>(i)] = static_cast<unsigned char>(k[static_cast<std::size_t>(i)] ^ x);
    ok = ok && ctx != nullptr && EVP_DigestInit_ex(ctx, s->md, nullptr) == 1 &&
         EVP_DigestUpdate(ctx, pad.data(), static_cast<std::size_t>(block)) == 1;
  }
  OPENSSL_cleanse(k.data(), k.size());
  OPENSSL_cleanse(pad.data(), pad.size());
  if (ok) state_ = std::move(s);
}

std::string PreparedHmac::mac(std::string_view data) const {
  if (!state_) return {};
  MdCtx ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char inner[EVP_MAX_MD_SIZE];
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int inner_len = 0;
  unsigned int len = 0;
  if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), state_->inner) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), inner, &inner_len) != 1 ||
      EVP_MD_CTX_copy_ex(ctx.get(), state_->outer) != 1 ||
      EVP_DigestUpdate(ctx.get(), inner, inner_len) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), md, &len) != 1) {
    return {};
  }
  return std::string(reinterpret_cast<char*>(md), len);
}

// A cipher context with the key schedule done; each value gets a copy and its own IV.
struct PreparedSm4::State {
  EVP_CIPHER* cipher = nullptr;
  EVP_CIPHER_CTX* keyed = nullptr;
  ~State() {
    EVP_CIPHER_CTX_free(keyed);  // cleanses the key schedule
    EVP_CIPHER_free(cipher);
  }
};

PreparedSm4::PreparedSm4(std::string_view key) {
  if (key.size() != 16) return;
  auto s = std::make_shared<State>();
  s->cipher = EVP_CIPHER_fetch(nullptr, "SM4-CBC", nullptr);
  s->keyed = EVP_CIPHER_CTX_new();
  if (s->cipher == nullptr || s->keyed == nullptr ||
      EVP_EncryptInit_ex(s->keyed, s->cipher, nullptr, bytes(key), nullptr) != 1) {
    return;
  }
  state_ = std::move(s);
}

Result<std::string> PreparedSm4::encrypt(std::string_view plain) const {
  if (!state_) return Error::internal("sm4 key must be 16 bytes");
  unsigned char iv[16];
  if (RAND_bytes(iv, sizeof iv) != 1) return Error::internal("RAND_bytes failed");
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  std::string out(reinterpret_cast<char*>(iv), sizeof iv);
  out.resize(16 + plain.size() + 16);
  auto* dst = reinterpret_cast<unsigned char*>(out.data()) + 16;
  int n1 = 0;
  int n2 = 0;
  if (!ctx || EVP_CIPHER_CTX_copy(ctx.get(), state_->keyed) != 1 ||
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, nullptr, iv) != 1 ||
      EVP_EncryptUpdate(ctx.get(), dst, &n1, bytes(plain), static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), dst + n1, &n2) != 1) {
    return Error::internal("SM4 encryption failed");
  }
  out.resize(16 + static_cast<std::size_t>(n1 + n2));
  return base64(out);
}

}  // namespace kf::mask::detail
