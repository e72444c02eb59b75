#include "core/id_number.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <string>
#include <tuple>
#include <vector>

namespace kf::core {
namespace {

constexpr std::string_view kField = "id_number";
constexpr std::string_view kFormatMsg = "身份证号码应为18位（或15位旧号码）数字，末位可为X";
constexpr std::string_view kCheckMsg = "身份证号码校验位错误，请核对后重新输入";
constexpr std::string_view kDateMsg = "身份证号码中的出生日期无效";

// ISO 7064 MOD 11-2 as GB 11643-1999 states it: weights 2^(17-i) mod 11, check char by remainder.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckChars = "10X98765432";

Error invalid(std::string_view msg) {
  return Error::invalid(std::string(msg), std::string(kField));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) { return std::all_of(s.begin(), s.end(), is_digit); }

int number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[static_cast<std::size_t>(m - 1)];
}

bool valid_birth(const BirthDate& d, const BirthDate& today) {
  if (d.year < 1900 || d.month < 1 || d.month > 12) return false;
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return false;
  return std::tie(d.year, d.month, d.day) <= std::tie(today.year, today.month, today.day);
}

// Length of the UTF-8 sequence starting with byte `c`, at least 1 (invalid bytes count alone).
std::size_t utf8_len(unsigned char c) {
  if (c >= 0xF0 && c <= 0xF4) return 4;
  if (c >= 0xE0) return c <= 0xEF ? 3 : 1;
  if (c >= 0xC2) return 2;
  return 1;
}

// Splits `s` into UTF-8 characters (never past the end, whatever the bytes).
std::vector<std::string_view> utf8_chars(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const std::size_t n = std::min(utf8_len(static_cast<unsigned char>(s[0])), s.size());
    out.push_back(s.substr(0, n));
    s.remove_prefix(n);
  }
  return out;
}

}  // namespace

char id_number_check_char(std::string_view first17) {
  if (first17.size() != 17 || !all_digits(first17)) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheckChars[static_cast<std::size_t>(sum % 11)];
}

Result<IdNumberInfo> check_id_number(std::string_view s, const BirthDate& today) {
  IdNumberInfo info;
  const bool long_form = s.size() == 18 && all_digits(s.substr(0, 17)) &&
                         (is_digit(s[17]) || s[17] == 'X' || s[17] == 'x');
  const bool legacy_form = s.size() == 15 && all_digits(s);
  if (!long_form && !legacy_form) return invalid(kFormatMsg);
  info.legacy = legacy_form;
  // The 15-digit form drops the century "19" and the check character.
  const std::string first17 = legacy_form
                                  ? std::string(s.substr(0, 6)) + "19" + std::string(s.substr(6, 9))
                                  : std::string(s.substr(0, 17));

  std::string_view d(first17);
  info.birth = {number(d.substr(6, 4)), number(d.substr(10, 2)), number(d.substr(12, 2))};
  if (!valid_birth(info.birth, today)) return invalid(kDateMsg);

  const char check = id_number_check_char(first17);
  if (!info.legacy && std::toupper(static_cast<unsigned char>(s[17])) != check) {
    return invalid(kCheckMsg);
  }
  info.region_code = first17.substr(0, 6);
  info.gender = (first17[16] - '0') % 2 == 1 ? Gender::male : Gender::female;
  info.normalized = first17 + check;
  return info;
}

Result<IdNumberInfo> check_id_number(std::string_view s) {
  using namespace std::chrono;
  const auto china_now = system_clock::now() + hours(8);  // China Standard Time, no DST
  const year_month_day ymd{floor<days>(china_now)};
  const BirthDate today{static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                        static_cast<int>(unsigned(ymd.day()))};
  return check_id_number(s, today);
}

std::string mask_id_number(std::string_view s) {
  const auto chars = utf8_chars(s);
  if (chars.size() <= 2) {
    return std::string(chars.size(), '*');  // NOLINT(modernize-return-braced-init-list)
  }
  std::string out(chars.front());
  out.append(chars.size() - 2, '*');
  out.append(chars.back());
  return out;
}

std::string mask_name(std::string_view utf8) {
  const auto chars = utf8_chars(utf8);
  if (chars.empty()) return {};
  std::string out(chars.front());
  out.append(chars.size() - 1, '*');
  return out;
}

}  // namespace kf::core
