// generalize(): dates to year or month, ages to bands, numbers to ranges, addresses to district.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "mask/dates.h"
#include "mask/masker.h"
#include "mask/utf8.h"

namespace kf::mask::detail {
namespace {

std::optional<double> number(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  double x = 0;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(x)) {
    return std::nullopt;
  }
  return x;
}

std::string num_text(double x) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

bool integral(double x) { return std::fabs(x - std::round(x)) < 1e-9 && std::fabs(x) < 1e15; }

// 37 with step 10 → "30-39"; 3.7 with step 0.5 → "[3.5,4)".
std::string band(double x, double step) {
  const double lo = std::floor(x / step) * step;
  if (integral(x) && integral(step)) return num_text(lo) + "-" + num_text(lo + step - 1);
  return "[" + num_text(lo) + "," + num_text(lo + step) + ")";
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

}  // namespace

// Cuts an address after its county-level division: the leading run of divisions (each ending in
// 省 / 自治区 / 市 / 州 / 盟 / 地区 / 区 / 县 / 旗), stopping at the first county-level one (区, 县,
// 旗, or a 市 that follows a city) or after three. Text without any division is suppressed.
std::string district_of(std::string_view address) {
  const auto cps = code_points(trim(address));
  std::string out;
  std::string segment;
  int segments = 0;
  std::size_t seg_chars = 0;
  bool city_seen = false;
  for (std::size_t i = 0; i < cps.size() && segments < 3; ++i) {
    const std::string_view c = cps[i];
    segment += c;
    ++seg_chars;
    if (seg_chars > 12) break;  // a division name is short; this is already the street part
    const bool ends = c == "省" || c == "市" || c == "区" || c == "县" || c == "旗" || c == "州" ||
                      c == "盟";
    if (!ends || seg_chars < 2) continue;
    // A 市 after a city is a county-level city (寿光市); …自治州 / …地区 / …盟 are cities and
    // …省 / …自治区 provinces, never counties.
    const bool province = c == "省" || segment.ends_with("自治区");
    const bool city = c == "州" || c == "盟" || segment.ends_with("地区") || (c == "市" && !city_seen);
    const bool county = !province && !city;
    out += segment;
    segment.clear();
    seg_chars = 0;
    ++segments;
    if (county) break;
    city_seen = city_seen || city;
  }
  return out;
}

std::string generalize(std::string_view v, GeneralizeTo to, double step) {
  switch (to) {
    case GeneralizeTo::year:
    case GeneralizeTo::year_month: {
      const auto d = parse_year_month(v);
      if (!d) return {};
      return to == GeneralizeTo::year ? std::to_string(d->year)
                                      : std::to_string(d->year) + "-" + two(d->month);
    }
    case GeneralizeTo::age_band:
    case GeneralizeTo::range: {
      const auto x = number(v);
      if (!x || (to == GeneralizeTo::age_band && (*x < 0 || *x > 200))) return {};
      return band(*x, step);
    }
    case GeneralizeTo::district:
      return district_of(v);
  }
  return {};
}

}  // namespace kf::mask::detail
