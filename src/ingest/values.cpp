#include "ingest/values.h"

#include <charconv>
#include <cmath>

namespace kf::ingest {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool ieq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char c = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] + ('a' - 'A')) : a[i];
    if (c != b[i]) return false;
  }
  return true;
}

// Reads 1..max digits at s[i]; advances i.
std::optional<int> digits(std::string_view s, std::size_t& i, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  int v = 0;
  while (i < s.size() && n < max && is_digit(s[i])) v = v * 10 + (s[i++] - '0'), ++n;
  if (n < min) return std::nullopt;
  return v;
}

bool real_date(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= kDays[m - 1] + (m == 2 && leap);
}

// Appends `v` as `width` digits (v >= 0). Faster than snprintf, which showed in profiles.
void put(std::string& out, int v, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i, v /= 10) buf[i] = static_cast<char>('0' + v % 10);
  out.append(buf, static_cast<std::size_t>(width));
}

std::string ymd(int y, int m, int d) {
  std::string out;
  put(out, y, 4);
  out += '-';
  put(out, m, 2);
  out += '-';
  put(out, d, 2);
  return out;
}

// Parses a date at the start of `s`; `i` is left after it.
std::optional<std::string> date_prefix(std::string_view s, std::size_t& i) {
  i = 0;
  auto y = digits(s, i, 4, 4);
  if (!y) return std::nullopt;
  std::optional<int> m, d;
  if (i < s.size() && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
    const char sep = s[i++];
    m = digits(s, i, 1, 2);
    if (!m || i >= s.size() || s[i] != sep) return std::nullopt;
    ++i;
    d = digits(s, i, 1, 2);
  } else if (s.substr(i).starts_with("年")) {
    i += 3;
    m = digits(s, i, 1, 2);
    if (!m || !s.substr(i).starts_with("月")) return std::nullopt;
    i += 3;
    d = digits(s, i, 1, 2);
    if (d && s.substr(i).starts_with("日")) i += 3;
  } else {  // YYYYMMDD
    m = digits(s, i, 2, 2);
    if (m) d = digits(s, i, 2, 2);
  }
  if (!m || !d || !real_date(*y, *m, *d)) return std::nullopt;
  return ymd(*y, *m, *d);
}

}  // namespace

std::size_t utf8_length(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string_view trim_value(std::string_view s) {
  for (;;) {
    if (!s.empty() &&
        (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
    } else if (!s.empty() &&
               (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
    } else if (s.starts_with("\xE3\x80\x80")) {
      s.remove_prefix(3);
    } else if (s.ends_with("\xE3\x80\x80")) {
      s.remove_suffix(3);
    } else {
      return s;
    }
  }
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
  s = trim_value(s);
  if (s.starts_with('+')) s.remove_prefix(1);
  // "12.000" is 12: some exports write every number with a fraction.
  if (const auto dot = s.find('.'); dot != std::string_view::npos) {
    if (dot + 1 == s.size() || s.find_first_not_of('0', dot + 1) != std::string_view::npos) {
      return std::nullopt;
    }
    s = s.substr(0, dot);
  }
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<std::string> parse_decimal(std::string_view s) {
  s = trim_value(s);
  if (s.starts_with('+')) s.remove_prefix(1);
  std::size_t i = s.starts_with('-') ? 1 : 0;
  std::size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const std::size_t exp_start = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == exp_start) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return std::string(s);
}

std::optional<double> decimal_value(std::string_view s) {
  auto text = parse_decimal(s);
  if (!text) return std::nullopt;
  double v = 0;
  const auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<bool> parse_boolean(std::string_view s) {
  s = trim_value(s);
  for (std::string_view t : {"true", "t", "yes", "y", "1"}) {
    if (ieq(s, t)) return true;
  }
  for (std::string_view f : {"false", "f", "no", "n", "0"}) {
    if (ieq(s, f)) return false;
  }
  if (s == "是" || s == "真") return true;
  if (s == "否" || s == "假") return false;
  return std::nullopt;
}

std::optional<std::string> parse_date(std::string_view s) {
  s = trim_value(s);
  std::size_t i = 0;
  auto d = date_prefix(s, i);
  if (!d || i != s.size()) return std::nullopt;
  return d;
}

std::optional<std::string> parse_datetime(std::string_view s) {
  s = trim_value(s);
  std::size_t i = 0;
  auto out = date_prefix(s, i);
  if (!out) return std::nullopt;
  if (i == s.size()) return *out + "T00:00:00";
  if (s[i] == 'T' || s[i] == 't') {
    ++i;
  } else if (s[i] == ' ') {
    while (i < s.size() && s[i] == ' ') ++i;
  } else {
    return std::nullopt;
  }
  const auto h = digits(s, i, 1, 2);
  if (!h || *h > 23 || i >= s.size() || s[i++] != ':') return std::nullopt;
  const auto mi = digits(s, i, 2, 2);
  if (!mi || *mi > 59) return std::nullopt;
  int sec = 0;
  std::string frac;
  if (i < s.size() && s[i] == ':') {
    ++i;
    const auto se = digits(s, i, 2, 2);
    if (!se || *se > 59) return std::nullopt;
    sec = *se;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      const std::size_t start = ++i;
      while (i < s.size() && is_digit(s[i])) ++i;
      if (i == start || i - start > 9) return std::nullopt;
      frac = "." + std::string(s.substr(start, i - start));
    }
  }
  *out += 'T';
  put(*out, *h, 2);
  *out += ':';
  put(*out, *mi, 2);
  *out += ':';
  put(*out, sec, 2);
  *out += frac;
  if (i == s.size()) return out;
  if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == s.size()) return *out + "Z";
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  const char sign = s[i++];
  const auto th = digits(s, i, 2, 2);
  if (i < s.size() && s[i] == ':') ++i;
  const auto tm = digits(s, i, 2, 2);
  if (!th || !tm || *th > 14 || *tm > 59 || i != s.size()) return std::nullopt;
  *out += sign;
  put(*out, *th, 2);
  *out += ':';
  put(*out, *tm, 2);
  return out;
}

std::size_t digit_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if (c == 'e' || c == 'E') break;
    n += is_digit(c);
  }
  return n;
}

std::string normalize(const core::Field& field, std::string_view value) {
  using core::FieldType;
  switch (field.type) {
    case FieldType::integer:
      if (auto v = parse_integer(value)) return std::to_string(*v);
      break;
    case FieldType::decimal:
      if (auto v = parse_decimal(value)) return std::move(*v);
      break;
    case FieldType::boolean:
      if (auto v = parse_boolean(value)) return *v ? "true" : "false";
      break;
    case FieldType::date:
      if (auto v = parse_date(value)) return std::move(*v);
      break;
    case FieldType::datetime:
      if (auto v = parse_datetime(value)) return std::move(*v);
      break;
    case FieldType::text:
      break;
  }
  return std::string(value);
}

}  // namespace kf::ingest
