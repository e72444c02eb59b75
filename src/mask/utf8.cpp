#include "mask/utf8.h"

#include <algorithm>

namespace kf::mask::detail {
namespace {

std::size_t seq_len(unsigned char c) {
  if (c >= 0xF0 && c <= 0xF4) return 4;
  if (c >= 0xE0) return c <= 0xEF ? 3 : 1;
  if (c >= 0xC2) return 2;
  return 1;
}

}  // namespace

std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    std::size_t n = std::min(seq_len(static_cast<unsigned char>(s[0])), s.size());
    for (std::size_t i = 1; i < n; ++i) {
      if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) n = 1;  // broken sequence
    }
    out.push_back(s.substr(0, n));
    s.remove_prefix(n);
  }
  return out;
}

std::vector<char32_t> decode(std::string_view s) {
  std::vector<char32_t> out;
  for (std::string_view cp : code_points(s)) {
    const auto b0 = static_cast<unsigned char>(cp[0]);
    if (cp.size() == 1) {
      out.push_back(b0 < 0x80 ? b0 : 0xFFFD);
      continue;
    }
    char32_t c = b0 & (0x7F >> cp.size());
    for (std::size_t i = 1; i < cp.size(); ++i) c = (c << 6) | (static_cast<unsigned char>(cp[i]) & 0x3F);
    out.push_back(c);
  }
  return out;
}

std::string_view trim(std::string_view s) {
  constexpr std::string_view kIdeoSpace = "\u3000";
  for (bool changed = true; changed;) {
    changed = false;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
      changed = true;
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
      changed = true;
    }
    if (s.starts_with(kIdeoSpace)) s.remove_prefix(kIdeoSpace.size()), changed = true;
    if (s.ends_with(kIdeoSpace)) s.remove_suffix(kIdeoSpace.size()), changed = true;
  }
  return s;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool contains_any(std::string_view hay, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return contains(hay, n); });
}

bool ends_with_any(std::string_view hay, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return hay.ends_with(n); });
}

std::string strip_chars(std::string_view s, std::string_view drop) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (drop.find(c) == std::string_view::npos) out.push_back(c);
  }
  return out;
}

}  // namespace kf::mask::detail
