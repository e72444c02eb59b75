#include "core/credit_code.h"

#include <array>
#include <cctype>

namespace kf::core {

namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

int value_of(char c) {
  auto pos = kCharset.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char credit_code_check_char(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < 17 && i < first17.size(); ++i) sum += value_of(first17[i]) * kWeights[i];
  int check = (31 - sum % 31) % 31;
  return kCharset[static_cast<std::size_t>(check)];
}

Result<std::string> check_credit_code(std::string_view code) {
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.front()))) code.remove_prefix(1);
  while (!code.empty() && std::isspace(static_cast<unsigned char>(code.back()))) code.remove_suffix(1);
  std::string up;
  for (char c : code) up.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  const Error malformed = Error::invalid("统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）", "credit_code");
  if (up.size() != 18) return malformed;
  for (char c : up) {
    if (value_of(c) < 0) return malformed;
  }
  // Registration authority (1-9, A-G, Y) and organisation kind (1-9, Y) characters.
  if (std::string_view("123456789ABCDEFGY").find(up[0]) == std::string_view::npos ||
      std::string_view("123456789Y").find(up[1]) == std::string_view::npos) {
    return malformed;
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(up[i]))) return malformed;
  }
  if (credit_code_check_char(std::string_view(up).substr(0, 17)) != up[17]) {
    return Error::invalid("统一社会信用代码的校验位不正确", "credit_code");
  }
  return up;
}

}  // namespace kf::core
