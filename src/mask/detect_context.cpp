// Values that are personal only in context: GPS coordinates and dates of birth.
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <tuple>

#include "mask/dates.h"
#include "mask/detectors.h"
#include "mask/utf8.h"

namespace kf::mask::detail {
namespace {

// A plain decimal number ("-12.3456"); no exponent, no thousands separators.
std::optional<double> decimal(std::string_view s, int& decimals) {
  s = trim(s);
  if (s.empty() || s.size() > 24) return std::nullopt;
  std::size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  bool dot = false;
  int digits = 0;
  decimals = 0;
  for (std::size_t k = i; k < s.size(); ++k) {
    if (s[k] == '.' && !dot) {
      dot = true;
    } else if (is_digit(s[k])) {
      ++digits;
      if (dot) ++decimals;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  double out = 0;
  const std::string_view body = s[0] == '+' ? s.substr(1) : s;
  if (std::from_chars(body.data(), body.data() + body.size(), out).ec != std::errc()) {
    return std::nullopt;
  }
  return out;
}

bool in_china(double lat, double lon) { return lat >= 3 && lat <= 54 && lon >= 73 && lon <= 136; }

}  // namespace

double gps(std::string_view v, std::string_view label) {
  if (v.size() > 60) return 0;
  std::string s(v);
  if (const auto p = s.find("，"); p != std::string::npos) s.replace(p, 3, ",");
  const std::size_t sep = s.find_first_of(", ");
  int d1 = 0;
  int d2 = 0;
  if (sep == std::string::npos) {
    // A single number is a coordinate only in a column labelled as one.
    const auto x = decimal(s, d1);
    if (!x || d1 < 2) return 0;
    const bool lat = contains_any(label, {"纬度", "latitude", "Latitude", "LAT", "lat"});
    const bool lon = contains_any(label, {"经度", "longitude", "Longitude", "LNG", "lng", "lon", "LON"});
    if (lat && std::fabs(*x) <= 90) return 0.9;
    if (lon && std::fabs(*x) <= 180) return 0.9;
    return 0;
  }
  const auto a = decimal(std::string_view(s).substr(0, sep), d1);
  const auto b = decimal(std::string_view(s).substr(sep + 1), d2);
  // Coordinates carry decimals; "12, 34" is more likely a pair of counts.
  if (!a || !b || d1 < 3 || d2 < 3) return 0;
  const bool lat_lon = std::fabs(*a) <= 90 && std::fabs(*b) <= 180;
  const bool lon_lat = std::fabs(*a) <= 180 && std::fabs(*b) <= 90;
  if (!lat_lon && !lon_lat) return 0;
  double c = (lat_lon && in_china(*a, *b)) || (lon_lat && in_china(*b, *a)) ? 0.9 : 0.7;
  if (label_suggests(Kind::gps, label)) c = std::min(0.99, c + 0.1);
  return c;
}

double birth_date(std::string_view v, std::string_view label) {
  // A date alone says nothing about a person; the column label must say it is a birth date.
  if (!label_suggests(Kind::birth_date, label)) return 0;
  auto d = parse_date(v);
  if (!d) {
    d = parse_year_month(v);
    if (!d) return 0;
  }
  const core::BirthDate today = today_cn();
  if (d->year < 1900 || std::tie(d->year, d->month, d->day) > std::tie(today.year, today.month, today.day)) {
    return 0;
  }
  return 0.95;
}

}  // namespace kf::mask::detail
