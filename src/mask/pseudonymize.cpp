// pseudonymize() and noise(): outputs derived from the keyed hash of the value, so the same input
// always gives the same output under one deployment key (re-publishing is stable, joins work),
// and nobody without the key can go back.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/id_number.h"
#include "mask/crypto.h"
#include "mask/masker.h"
#include "mask/surnames.h"
#include "mask/utf8.h"

namespace kf::mask::detail {
namespace {

// A stream of pseudo-random numbers from HMAC(key, domain || value), re-keyed per block.
class KeyedStream {
 public:
  KeyedStream(std::string_view key, std::string_view domain, std::string_view value)
      : key_(key), seed_(std::string(domain) + '\0' + std::string(value)) {}

  std::uint64_t next() {
    if (pos_ + 8 > block_.size()) {
      block_ = hmac(HashAlg::hmac_sha256, key_, seed_ + std::to_string(counter_++));
      pos_ = 0;
    }
    std::uint64_t x = 0;
    for (int i = 0; i < 8; ++i) x = (x << 8) | static_cast<unsigned char>(block_[pos_++]);
    return x;
  }
  std::uint64_t below(std::uint64_t n) { return next() % n; }  // bias negligible for small n
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }  // [0, 1)

 private:
  std::string key_;
  std::string seed_;
  std::string block_;
  std::size_t pos_ = 0;
  int counter_ = 0;
};

std::string pick_char(std::string_view table, KeyedStream& ks) {
  const std::size_t n = table.size() / 3;  // all 3-byte characters
  return std::string(table.substr(ks.below(n) * 3, 3));
}

// Region codes of real county-level divisions spread over the country.
constexpr std::string_view kRegions[] = {"110101", "110105", "120101", "130102", "140105",
                                         "210102", "310104", "320102", "330106", "340102",
                                         "350102", "360102", "370102", "370702", "370783",
                                         "410105", "420102", "430102", "440106", "440305",
                                         "450102", "500103", "510104", "520102", "530102",
                                         "610102", "620102", "650102"};

std::string fake_id(KeyedStream& ks) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::string s(kRegions[ks.below(std::size(kRegions))]);
  const int year = 1950 + static_cast<int>(ks.below(56));  // 1950..2005
  const int month = 1 + static_cast<int>(ks.below(12));
  const int day = 1 + static_cast<int>(ks.below(static_cast<std::uint64_t>(kDays[month - 1])));
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%03d", year, month, day,
                static_cast<int>(ks.below(1000)));
  s += buf;
  s.push_back(core::id_number_check_char(s));
  return s;
}

std::string fake_mobile(KeyedStream& ks) {
  static constexpr std::string_view kPrefixes[] = {"130", "131", "132", "133", "135", "136",
                                                   "137", "138", "139", "150", "151", "152",
                                                   "155", "156", "158", "159", "166", "177",
                                                   "180", "181", "186", "187", "188", "189",
                                                   "198", "199"};
  std::string s(kPrefixes[ks.below(std::size(kPrefixes))]);
  for (int i = 0; i < 8; ++i) s.push_back(static_cast<char>('0' + ks.below(10)));
  return s;
}

std::string fake_name(std::string_view v, KeyedStream& ks) {
  // Keep the length (2 or 3 characters, the common shapes) so the column looks the same.
  const std::size_t len = code_points(v).size() >= 3 ? 3 : 2;
  std::string s = pick_char(kSingleSurnames, ks);
  for (std::size_t i = 1; i < len; ++i) s += pick_char(kGivenChars, ks);
  return s;
}

}  // namespace

std::string pseudonym(std::string_view v, PseudoKind kind, std::string_view hmac_key) {
  static constexpr std::string_view kDomains[] = {"pseudo:name", "pseudo:mobile", "pseudo:id"};
  const std::string_view t = trim(v);
  KeyedStream ks(hmac_key, kDomains[static_cast<int>(kind)], t);
  switch (kind) {
    case PseudoKind::name: return fake_name(t, ks);
    case PseudoKind::mobile: return fake_mobile(ks);
    case PseudoKind::id_number: return fake_id(ks);
  }
  return {};
}

std::string add_noise(std::string_view v, double ratio, std::string_view hmac_key) {
  // Numbers keep their number of decimals; a "lon,lat" pair gets noise on each part.
  const std::string_view t = trim(v);
  if (const std::size_t comma = t.find(','); comma != std::string_view::npos) {
    const std::string a = add_noise(t.substr(0, comma), ratio, hmac_key);
    const std::string b = add_noise(t.substr(comma + 1), ratio, hmac_key);
    return a.empty() || b.empty() ? std::string() : a + "," + b;
  }
  std::string_view num = t;
  if (!num.empty() && num[0] == '+') num.remove_prefix(1);
  double x = 0;
  const auto r = std::from_chars(num.data(), num.data() + num.size(), x);
  if (num.empty() || r.ec != std::errc() || r.ptr != num.data() + num.size() || !std::isfinite(x)) {
    return {};
  }
  const std::size_t dot = num.find('.');
  const int decimals = dot == std::string_view::npos ? 0 : static_cast<int>(num.size() - dot - 1);
  KeyedStream ks(hmac_key, "noise", t);
  const double factor = 1 + ratio * (2 * ks.unit() - 1);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", std::min(decimals, 12), x * factor);
  return buf;
}

}  // namespace kf::mask::detail
