// Resident identity numbers (公民身份号码, GB 11643-1999) and masking of personal data for display.
//
// Error messages never contain the number or name itself: they may end up in logs and responses.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace kf::core {

struct BirthDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend bool operator==(const BirthDate&, const BirthDate&) = default;
};

enum class Gender { male, female };

struct IdNumberInfo {
  std::string region_code;  // first 6 digits: the issuing place's code at the time of issue
  BirthDate birth;
  Gender gender = Gender::male;  // odd sequence number: male
  bool legacy = false;           // given in the 15-digit form (before 1999)
  std::string normalized;        // 18 characters, upper-case X; a 15-digit number is upgraded
};

// Checks an 18-character number (17 digits + check character 0-9 / X / x, ISO 7064 MOD 11-2) or
// a legacy 15-digit number (6 region + YYMMDD with year 19YY + 3 sequence, no check character).
// The birth date must be a real date, year >= 1900, not after `today`.
// Errors: Error::invalid with field "id_number" and one of
//   "身份证号码应为18位（或15位旧号码）数字，末位可为X"   (length or characters)
//   "身份证号码中的出生日期无效"                         (date)
//   "身份证号码校验位错误，请核对后重新输入"             (check character)
// The region code is not checked against the region table: old numbers keep codes that no
// longer exist.
Result<IdNumberInfo> check_id_number(std::string_view s, const BirthDate& today);
// Same, with today's date in China (UTC+8) from the system clock.
Result<IdNumberInfo> check_id_number(std::string_view s);

// The MOD 11-2 check character ('0'-'9' or 'X') of the first 17 digits; '\0' if `first17` is not
// exactly 17 ASCII digits.
char id_number_check_char(std::string_view first17);

// Keeps the first and last character, stars in between: "1****************X". Strings of 1 or 2
// characters become all stars. Counts UTF-8 characters, so any input is safe.
std::string mask_id_number(std::string_view s);

// First UTF-8 character, then one "*" per remaining character: 张三 → 张*, 欧阳娜娜 → 欧***.
// Invalid UTF-8 bytes count as one character each.
std::string mask_name(std::string_view utf8);

}  // namespace kf::core
