// Small UTF-8 and text helpers shared by the detectors and masking functions (internal).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace kf::mask::detail {

// Splits into UTF-8 characters; an invalid byte counts as one character.
std::vector<std::string_view> code_points(std::string_view s);
// Decoded code points; invalid bytes decode to U+FFFD.
std::vector<char32_t> decode(std::string_view s);
// Without leading / trailing ASCII blanks and ideographic spaces (U+3000).
std::string_view trim(std::string_view s);

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
inline bool is_cjk(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
bool all_digits(std::string_view s);

bool contains(std::string_view hay, std::string_view needle);
bool contains_any(std::string_view hay, std::initializer_list<std::string_view> needles);
bool ends_with_any(std::string_view hay, std::initializer_list<std::string_view> needles);
// `s` without the characters in `drop` (ASCII only), e.g. spaces and dashes in phone numbers.
std::string strip_chars(std::string_view s, std::string_view drop);

}  // namespace kf::mask::detail
