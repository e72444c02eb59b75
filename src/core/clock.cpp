#include "core/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include <fmt/format.h>

namespace kf::core {

namespace {
constexpr std::int64_t kChinaOffsetMs = 8LL * 3600 * 1000;
}  // namespace

std::string iso8601(std::int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
}

std::string china_iso8601(std::int64_t ms) {
  std::time_t secs = static_cast<std::time_t>((ms + kChinaOffsetMs) / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+08:00", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

Result<std::int64_t> parse_china_time(const std::string& s) {
  const auto bad = [] {
    return Error::invalid("时间格式应为 YYYY-MM-DD、YYYY-MM-DDTHH:MM 或 YYYY-MM-DDTHH:MM:SS（北京时间），"
                          "或以 Z 结尾的 UTC 时间");
  };
  int y = 0, mo = 0, d = 0, h = 9, mi = 0, sec = 0;
  int n = 0;
  std::string rest;
  if (s.size() == 10) {
    if (std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return bad();
  } else {
    if (s.size() < 16 || s[10] != 'T') return bad();
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16) return bad();
    rest = s.substr(16);
    if (rest.size() >= 3 && rest[0] == ':') {
      int m = 0;
      if (std::sscanf(rest.c_str(), ":%2d%n", &sec, &m) != 1 || m != 3) return bad();
      rest = rest.substr(3);
    }
    if (!rest.empty() && rest != "Z" && rest != "+08:00") return bad();
  }
  if (s[4] != '-' || s[7] != '-' || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return bad();
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(mo)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (y < 1970 || !ymd.ok()) return bad();
  std::int64_t days = std::chrono::sys_days{ymd}.time_since_epoch().count();
  std::int64_t ms = ((days * 24 + h) * 60 + mi) * 60'000LL + sec * 1000LL;
  if (rest != "Z") ms -= kChinaOffsetMs;
  return ms;
}

}  // namespace kf::core
