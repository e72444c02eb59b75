#include "mask/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <memory>
#include <vector>

namespace kf::mask::detail {
namespace {

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

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

}  // namespace kf::mask::detail
