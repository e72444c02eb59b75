#include "mask/masker.h"

#include <algorithm>

#include "mask/crypto.h"
#include "mask/utf8.h"

namespace kf::mask {

Result<Masker> Masker::create(const Rule& rule, const Keys& keys) {
  const bool needs_hmac = rule.type == RuleType::hash || rule.type == RuleType::pseudonymize ||
                          rule.type == RuleType::noise;
  if (needs_hmac && keys.hmac_key.size() < 16) {
    return Error::invalid("该脱敏规则需要 HMAC 密钥，请在密钥文件中配置 hmac_key（至少16字节）",
                          "mask_rule");
  }
  if (rule.type == RuleType::encrypt && keys.sm4_key.size() != 16) {
    return Error::invalid("该脱敏规则需要 SM4 密钥，请在密钥文件中配置 sm4_key（16字节）",
                          "mask_rule");
  }
  // Keep only the key this rule uses, so a Masker never carries more secrets than it needs.
  Keys own;
  if (needs_hmac) own.hmac_key = keys.hmac_key;
  if (rule.type == RuleType::encrypt) own.sm4_key = keys.sm4_key;
  Masker m(rule, std::move(own));
  if (rule.type == RuleType::hash) m.hmac_.emplace(rule.alg, m.keys_.hmac_key);
  if (rule.type == RuleType::encrypt) m.sm4_.emplace(m.keys_.sm4_key);
  return m;
}

std::string Masker::apply(std::string_view value) const {
  if (value.empty()) return {};
  switch (rule_.type) {
    case RuleType::mask:
      return detail::mask_chars(value, rule_.keep_first, rule_.keep_last, rule_.mask_char);
    case RuleType::hash:
      return detail::to_hex(hmac_->mac(value)).substr(0, kHashHexChars);
    case RuleType::encrypt: {
      auto r = sm4_->encrypt(value);
      return r ? std::move(r).value() : std::string();  // never fall back to the raw value
    }
    case RuleType::generalize:
      return detail::generalize(value, rule_.to, rule_.step);
    case RuleType::truncate:
      return detail::truncate_chars(value, rule_.length);
    case RuleType::suppress:
      return {};
    case RuleType::pseudonymize:
      return detail::pseudonym(value, rule_.pseudo, keys_.hmac_key);
    case RuleType::noise:
      return detail::add_noise(value, rule_.ratio, keys_.hmac_key);
  }
  return {};
}

Result<std::string> decrypt(std::string_view ciphertext, const Keys& keys) {
  return detail::sm4_decrypt(keys.sm4_key, ciphertext);
}

namespace detail {

std::string mask_chars(std::string_view v, int keep_first, int keep_last, std::string_view ch) {
  // ASCII values (ID, phone and card numbers): one byte per character, no splitting needed.
  const bool ascii = std::all_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  const auto cps = ascii ? std::vector<std::string_view>() : code_points(v);
  const std::size_t n = ascii ? v.size() : cps.size();
  auto first = static_cast<std::size_t>(keep_first);
  auto last = static_cast<std::size_t>(keep_last);
  // Never reveal a value in full: when the kept ends would cover it, keep less than half.
  if (first + last >= n) {
    first = std::min(first, (n - 1) / 2);
    last = 0;
  }
  std::string out;
  if (ascii) {
    out.reserve(n + (n > first + last ? (n - first - last) * ch.size() : 0));
    out.append(v.substr(0, first));
    for (std::size_t i = first; i < n - last; ++i) out += ch;
    out.append(v.substr(n - last));
    return out;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (i < first || i >= n - last) out += cps[i];
    else out += ch;
  }
  return out;
}

std::string truncate_chars(std::string_view v, int length) {
  const auto cps = code_points(v);
  std::string out;
  for (std::size_t i = 0; i < cps.size() && i < static_cast<std::size_t>(length); ++i) out += cps[i];
  return out;
}

}  // namespace detail
}  // namespace kf::mask
