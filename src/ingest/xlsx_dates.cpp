#include "ingest/xlsx_dates.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace kf::ingest::detail {

namespace {

// Days since 1970-01-01 → civil date (H. Hinnant's algorithm, proleptic Gregorian).
void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2));
}

constexpr std::int64_t kDays1899_12_30 = -25569;  // relative to 1970-01-01
constexpr std::int64_t kDays1899_12_31 = -25568;
constexpr std::int64_t kDays1904_01_01 = -24107;

}  // namespace

DateKind builtin_date_kind(int id) {
  if ((id >= 14 && id <= 17) || id == 27 || id == 28 || id == 29 || id == 30 || id == 31 ||
      id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58) {
    return DateKind::date;
  }
  if (id == 22) return DateKind::datetime;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 ||
      id == 56) {
    return DateKind::time;
  }
  return DateKind::none;
}

DateKind format_code_date_kind(std::string_view code) {
  // Only the first section (positive numbers) matters.
  bool date = false, time = false, month = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') break;
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inner = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time; [Red], [$-804], [DBNum1]: not date parts.
      if (!inner.empty() &&
          (inner[0] == 'h' || inner[0] == 'H' || inner[0] == 's' || inner[0] == 'S' ||
           inner[0] == 'm' || inner[0] == 'M') &&
          inner.find_first_not_of("hHmMsS") == std::string_view::npos) {
        time = true;
      }
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal text / padding
    } else {
      switch (c | 0x20) {  // ASCII lower case
        case 'y':
        case 'd':
          date = true;
          break;
        case 'h':
        case 's':
          time = true;
          break;
        case 'm':
          month = true;
          break;
        default:
          break;
      }
    }
  }
  if (date && time) return DateKind::datetime;
  if (date) return DateKind::date;
  if (time) return DateKind::time;
  if (month) return DateKind::date;
  return DateKind::none;
}

std::optional<std::string> excel_serial_to_iso(std::string_view number, DateKind kind,
                                               bool date1904) {
  if (kind == DateKind::none) return std::nullopt;
  double serial = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), serial);
  if (ec != std::errc() || end != number.data() + number.size() || !std::isfinite(serial) ||
      serial < 0 || serial > 2958466) {
    return std::nullopt;
  }
  const auto secs_total = static_cast<std::int64_t>(std::llround(serial * 86400.0));
  std::int64_t day = secs_total / 86400;
  const std::int64_t secs = secs_total % 86400;
  char buf[64];
  if (kind == DateKind::time && day == 0) {
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return std::string(buf);
  }
  if (kind == DateKind::date) day = static_cast<std::int64_t>(std::floor(serial));
  std::int64_t days_since_epoch;
  if (date1904) {
    days_since_epoch = kDays1904_01_01 + day;
  } else if (day >= 61) {
    days_since_epoch = kDays1899_12_30 + day;
  } else if (day >= 1 && day <= 59) {
    days_since_epoch = kDays1899_12_31 + day;
  } else {
    return std::nullopt;  // 0 is "1900-01-00", 60 the 1900-02-29 that never was
  }
  int y;
  unsigned m, d;
  civil_from_days(days_since_epoch, y, m, d);
  if (y > 9999) return std::nullopt;
  if (kind == DateKind::date) {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", y, m, d,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                  static_cast<int>(secs % 60));
  }
  return std::string(buf);
}

}  // namespace kf::ingest::detail
