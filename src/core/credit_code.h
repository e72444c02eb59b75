// The unified social credit code of organisations (统一社会信用代码, GB 32100-2015): 18
// characters from the 31-character set 0-9 A-H J-N P-R T U W-Y; the last is a check character
// over the first 17 (weights 3^i mod 31).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace kf::core {

// The code in upper case, checked: 18 characters of the set, registration authority and kind
// characters as the standard allows them (first 1-9 A-G Y, second 1-9 Y), the 6-digit region
// code, and the check character. Spaces around it are ignored.
// Errors: Error::invalid with field "credit_code" and
//   "统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）" (length or characters)
//   "统一社会信用代码的校验位不正确"                                  (check character)
Result<std::string> check_credit_code(std::string_view code);

// The check character of the first 17 characters of a code (which must be of the set).
char credit_code_check_char(std::string_view first17);

}  // namespace kf::core
