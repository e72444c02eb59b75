#include "mask/dates.h"

#include <chrono>
#include <string>
#include <tuple>

#include "mask/utf8.h"

namespace kf::mask::detail {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

// Reads 1..max_digits digits at `pos`; -1 when there is none.
int read_num(std::string_view s, std::size_t& pos, std::size_t max_digits) {
  int n = 0;
  std::size_t k = 0;
  while (pos < s.size() && k < max_digits && is_digit(s[pos])) n = n * 10 + (s[pos++] - '0'), ++k;
  return k == 0 ? -1 : n;
}

bool eat(std::string_view s, std::size_t& pos, std::string_view sep) {
  if (s.substr(pos).starts_with(sep)) {
    pos += sep.size();
    return true;
  }
  return false;
}

// Parses "Y<sep>M[<sep>D]" and returns how many parts were read (0 on failure).
int parse_parts(std::string_view s, core::BirthDate& d) {
  if (s.size() == 8 && all_digits(s)) {
    d = {std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(4, 2))),
         std::stoi(std::string(s.substr(6, 2)))};
    return 3;
  }
  std::size_t pos = 0;
  const std::size_t start = pos;
  d.year = read_num(s, pos, 4);
  if (d.year < 0 || pos - start != 4) return 0;
  bool chinese = false;
  if (eat(s, pos, "年")) {
    chinese = true;
  } else if (!(eat(s, pos, "-") || eat(s, pos, "/") || eat(s, pos, "."))) {
    return 0;
  }
  const char sep = chinese ? '\0' : s[pos - 1];
  d.month = read_num(s, pos, 2);
  if (d.month < 0) return 0;
  if (chinese) {
    if (!eat(s, pos, "月")) return 0;
  }
  if (pos == s.size()) return 2;
  if (!chinese && (pos >= s.size() || s[pos] != sep)) return 0;
  if (!chinese) ++pos;
  d.day = read_num(s, pos, 2);
  if (d.day < 0) return 0;
  if (chinese) eat(s, pos, "日") || eat(s, pos, "号");
  if (pos != s.size()) return 0;
  return 3;
}

std::string_view without_time(std::string_view s) {
  s = trim(s);
  const std::size_t t = s.find_first_of(" T");
  if (t != std::string_view::npos && t >= 8) s = s.substr(0, t);
  return s;
}

}  // namespace

bool valid_date(const core::BirthDate& d) {
  return d.year >= 1000 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in(d.year, d.month);
}

std::optional<core::BirthDate> parse_date(std::string_view s) {
  core::BirthDate d;
  if (parse_parts(without_time(s), d) != 3 || !valid_date(d)) return std::nullopt;
  return d;
}

std::optional<core::BirthDate> parse_year_month(std::string_view s) {
  core::BirthDate d;
  const int parts = parse_parts(without_time(s), d);
  if (parts == 2) d.day = 1;
  if (parts == 0 || !valid_date(d)) return std::nullopt;
  return d;
}

core::BirthDate today_cn() {
  using namespace std::chrono;
  const auto now = floor<days>(system_clock::now() + hours(8));
  const year_month_day ymd{now};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace kf::mask::detail
