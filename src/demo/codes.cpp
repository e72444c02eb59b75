#include "demo/codes.h"

#include <array>

#include "demo/city.h"
#include "demo/rng.h"
#include "demo/words.h"

namespace kf::demo {
namespace {

constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 characters
constexpr std::array<int, 17> kUsccWeights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                              29, 25, 13, 8,  24, 10, 30, 28};
constexpr std::array<int, 8> kOrgWeights = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::uint64_t kModernSpace = 887'503'681ULL;  // 31^6
constexpr std::uint64_t kBodyMul = 387'420'489ULL;       // 3^18, coprime to 31
constexpr std::uint64_t kDigitSpace = 100'000'000ULL;    // 10^8
constexpr std::uint64_t kDigitMul = 48'271ULL;           // coprime to 10
constexpr std::uint64_t kRegisterSalt = 0x5EED'3707'0000'0001ULL;

int alphabet_value(char c) {
  const auto pos = kUsccAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

char uscc_check_char(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int v = alphabet_value(first17[i]);
    if (v < 0) return '\0';
    sum += v * kUsccWeights[i];
  }
  const int c = (31 - sum % 31) % 31;
  return kUsccAlphabet[static_cast<std::size_t>(c)];
}

char org_code_check_char(std::string_view body8) {
  if (body8.size() != 8) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const char ch = body8[i];
    int v = 0;
    if (ch >= '0' && ch <= '9') {
      v = ch - '0';
    } else if (ch >= 'A' && ch <= 'Z') {
      v = ch - 'A' + 10;
    } else {
      return '\0';
    }
    sum += v * kOrgWeights[i];
  }
  const int c = 11 - sum % 11;
  if (c == 10) return 'X';
  if (c == 11) return '0';
  return static_cast<char>('0' + c);
}

std::string make_uscc(std::string_view prefix, std::string_view region, std::uint64_t body) {
  // Organisation codes issued since 2015 start with two letters (MA companies, MJ social
  // organisations, MD law firms) followed by 6 characters; older ones are 8 digits. Both forms
  // are bijections of `body` within their space, so distinct bodies give distinct codes.
  const bool modern = prefix.starts_with('9') ? mix64(body ^ 0xB0D7ULL) % 100 < 75
                                              : prefix.starts_with('5') || prefix == "31";
  char digits[8];
  if (modern) {
    const std::string_view lead = prefix.starts_with('5') ? "MJ" : prefix == "31" ? "MD" : "MA";
    digits[0] = lead[0];
    digits[1] = lead[1];
    std::uint64_t rest = mulmod(kBodyMul, body % kModernSpace, kModernSpace);
    for (int i = 7; i >= 2; --i) {
      digits[i] = kUsccAlphabet[rest % 31];
      rest /= 31;
    }
  } else {
    std::uint64_t rest = mulmod(kDigitMul, body % kDigitSpace, kDigitSpace);
    for (int i = 7; i >= 0; --i) {
      digits[i] = static_cast<char>('0' + rest % 10);
      rest /= 10;
    }
  }
  std::string code;
  code.reserve(18);
  code.append(prefix.substr(0, 2));
  code.append(region.substr(0, 6));
  code.append(digits, 8);
  code.push_back(org_code_check_char(std::string_view(digits, 8)));
  code.push_back(uscc_check_char(code));
  return code;
}

std::string_view register_prefix(std::uint64_t j) {
  const std::uint64_t h = mix64(j ^ kRegisterSalt) % 100;
  if (h < 30) return "91";
  if (h < 97) return "92";
  return "93";
}

std::string register_uscc(std::uint64_t j) {
  Rng rng(mix64(j + kRegisterSalt));
  const std::string_view prefix = register_prefix(j);
  // A third of the companies registered with the city itself, everything else with a district.
  const bool city = prefix == "91" && rng.below(100) < 33;
  return make_uscc(prefix, city ? kCityCode : pick_district(rng).code, j);
}

std::string other_uscc(std::string_view prefix, std::uint64_t j) {
  Rng rng(mix64(j + hash_str(prefix)));
  const std::string_view region = rng.below(100) < 50 ? kCityCode : pick_district(rng).code;
  // Offset the body so these codes do not reuse an organisation code of the register.
  return make_uscc(prefix, region, kRegisterSize + (hash_str(prefix) % 64) * 1'000'000 + j);
}

}  // namespace kf::demo
