// Identifier codes of the demo city: unified social credit codes (GB 32100, with the GB 11714
// organisation code inside) and the register of market entities that every entry draws its
// companies from, so one company has one code, name and address in every demo entry.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace kf::demo {

// Entities in the demo register of market entities (市场主体). 市场主体登记信息 lists them all.
inline constexpr std::uint64_t kRegisterSize = 1'200'000;

// GB 32100 check character of the first 17 characters, or '\0' if they are not 17 characters
// of the code alphabet (0-9 and upper-case letters except I, O, S, V, Z).
char uscc_check_char(std::string_view first17);

// GB 11714 check character ('0'-'9' or 'X') of an 8-character organisation code body.
char org_code_check_char(std::string_view body8);

// Builds a valid code: 2-character prefix (registration authority + kind, e.g. "91"), 6-digit
// region, a 9-character organisation code (GB 11714) made from `body`, check character. Bodies
// below 10^8 that differ give different codes for the same prefix and region.
std::string make_uscc(std::string_view prefix, std::string_view region, std::uint64_t body);

// Entity j (0 <= j < kRegisterSize) of the register: its prefix ("91" company, "92" individual
// business 个体工商户, "93" farmers' co-operative) and its code. Pure functions of j.
std::string_view register_prefix(std::uint64_t j);
std::string register_uscc(std::uint64_t j);
// A code outside the register with another prefix (e.g. "52" for a social organisation, "12" for
// a public institution), unique for each j and prefix.
std::string other_uscc(std::string_view prefix, std::uint64_t j);

}  // namespace kf::demo
