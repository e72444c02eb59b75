// Due dates that are not plain working-day counts, and the region tree of jurisdictions.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "workflow/workflow.h"

namespace kf::workflow {

namespace {

constexpr std::int64_t kChinaOffsetMs = 8LL * 3600 * 1000;

std::chrono::year_month_day parse_ymd(const std::string& date) {
  using namespace std::chrono;
  int y = std::stoi(date.substr(0, 4));
  unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  unsigned d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  return year_month_day{year{y}, month{m}, day{d}};
}

std::string format_ymd(const std::chrono::year_month_day& ymd) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

// The prefix of a region code that its subordinates share: 37 for a province (370000), 3707
// for a city (370700), the whole code for a county.
std::string_view significant(std::string_view code) {
  if (code.size() != 6) return code;
  if (code.substr(2) == "0000") return code.substr(0, 2);
  if (code.substr(4) == "00") return code.substr(0, 4);
  return code;
}

}  // namespace

std::string china_date(std::int64_t ms) {
  using namespace std::chrono;
  const auto tp = sys_time<milliseconds>(milliseconds(ms + kChinaOffsetMs));
  return format_ymd(year_month_day{floor<days>(tp)});
}

std::string add_calendar_days(const std::string& date, int days) {
  using namespace std::chrono;
  return format_ymd(year_month_day{sys_days{parse_ymd(date)} + std::chrono::days{days}});
}

std::string round_due(const std::string& date, const std::vector<std::string>& rounds) {
  std::vector<std::string> sorted = rounds;
  std::sort(sorted.begin(), sorted.end());
  const std::string year = date.substr(0, 4);
  const std::string month_day = date.substr(5);
  for (const auto& r : sorted) {
    if (month_day <= r) return year + "-" + r;  // the round window this date falls in ends on r
  }
  return fmt::format("{:04}-{}", std::stoi(year) + 1, sorted.front());
}

bool region_covers(std::string_view outer, std::string_view inner) {
  // An empty outer region is the whole deployment; an empty inner one (a case of no known region,
  // e.g. a citizen's without an organisation, or filed before parties existed) is every bureau's.
  if (outer.empty() || inner.empty()) return true;
  return inner.starts_with(significant(outer));
}

std::string review_region(std::string_view region, std::string_view level) {
  if (level == "city" && region.size() == 6 && significant(region).size() == 6) {
    return std::string(region.substr(0, 4)) + "00";  // a county's city
  }
  return std::string(region);
}

}  // namespace kf::workflow
