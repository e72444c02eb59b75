// Unified social credit codes (统一社会信用代码, GB 32100-2015) of companies and other
// organisations: 18 characters from 0-9 and the upper-case letters except I, O, S, V, Z; the
// last is a check character (weights 3^i mod 31, check = 31 - sum mod 31, 31 → 0).
#pragma once

#include <string_view>

#include "core/error.h"

namespace kf::ingest {

// Error::invalid with field "uscc" and one of
//   "统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）"
//   "统一社会信用代码校验位错误，请核对后重新输入"
// The message never contains the code itself.
Result<void> check_uscc(std::string_view code);

// The check character of the first 17 characters; '\0' if `first17` is not 17 characters of the
// code alphabet.
char uscc_check_char(std::string_view first17);

}  // namespace kf::ingest
