#include "ingest/uscc.h"

#include <array>

namespace kf::ingest {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                          29, 25, 13, 8,  24, 10, 30, 28};

int value_of(char c) {
  const auto i = kAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

}  // namespace

char uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = value_of(first17[i]);
    if (v < 0) return '\0';
    sum += v * kWeights[i];
  }
  const int check = (31 - sum % 31) % 31;
  return kAlphabet[static_cast<std::size_t>(check)];
}

Result<void> check_uscc(std::string_view code) {
  if (code.size() != 18 || value_of(code[17]) < 0 || uscc_check_char(code.substr(0, 17)) == '\0') {
    return Error::invalid("统一社会信用代码应为18位，由数字和大写字母组成（不含 I、O、S、V、Z）",
                          "uscc");
  }
  if (uscc_check_char(code.substr(0, 17)) != code[17]) {
    return Error::invalid("统一社会信用代码校验位错误，请核对后重新输入", "uscc");
  }
  return kf::ok();
}

}  // namespace kf::ingest
