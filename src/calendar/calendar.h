// The working-day calendar (DOMAIN.md §13): the national schedule of holidays and make-up working
// days (调休) per year, and working-day arithmetic on it for deadlines.
//
// A year is "covered" when its schedule was loaded (data/holidays/YYYY.toml or a database
// override). In a covered year a day is a working day when it is a make-up working day, or a
// Monday to Friday that is not a holiday. Years not covered fall back to plain Monday to Friday,
// so arithmetic past the published schedule is approximate until the year is added.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kf::calendar {

using Date = std::chrono::year_month_day;

// "2026-10-08" (exactly YYYY-MM-DD, a real date); invalid_argument otherwise.
Result<Date> parse_date(std::string_view iso);
std::string to_string(Date d);

enum class DayKind { working, weekend, holiday, makeup_workday };
// "working", "weekend", "holiday", "makeup_workday".
std::string_view to_string(DayKind k);

struct DayInfo {
  Date date;
  DayKind kind = DayKind::working;
  std::string name;  // "" for ordinary days; the holiday, or "春节调休" for a make-up working day
};

// Immutable once built (set_year / overlay only while building); thread-safe to read.
class WorkCalendar {
 public:
  // Every data/holidays/*.toml of `dir` (file name = year). invalid_argument naming the file and
  // line for a malformed file; not_found when the folder does not exist.
  static Result<WorkCalendar> load_dir(const std::string& dir);
  // One year file (format in data/holidays/README.md). `source` names it in error messages
  // ("2026.toml"); empty for request bodies. invalid_argument naming the line for TOML errors,
  // unknown keys, dates outside the year, a date both holiday and working day, a working day on a
  // weekday, a holiday without a name, duplicates.
  static Result<WorkCalendar> parse_year(std::string_view toml, std::string_view source = {});

  // Replaces a year (adds it when new). Dates outside `year` are ignored; the kinds of the
  // entries are set from the list they come in.
  void set_year(int year, std::vector<DayInfo> holidays, std::vector<DayInfo> workdays);
  // Replaces every year `other` covers with its schedule.
  void overlay(const WorkCalendar& other);

  bool covers(int year) const { return years_.contains(year); }
  std::vector<int> years() const { return {years_.begin(), years_.end()}; }
  bool is_working_day(Date d) const;
  DayInfo day(Date d) const;
  // Holidays and make-up working days of a year in date order (empty when not covered).
  std::vector<DayInfo> special_days(int year) const;

  // n >= 0: the n-th working day after d (n = 0: d itself when it is a working day, else the
  // next working day); n < 0: the |n|-th working day before d.
  Date add_working_days(Date d, int n) const;
  // The number of working days in (a, b]; negative (minus those in (b, a]) when b < a.
  int working_days_between(Date a, Date b) const;

 private:
  std::map<int, DayInfo> special_;  // by std::chrono::sys_days count
  std::set<int> years_;
};

// The year file text of a covered year (what load_dir / parse_year read back), for `kaifang
// calendar show --toml`: export, correct, import.
std::string to_toml(const WorkCalendar& cal, int year, std::string_view header_comment = {});

}  // namespace kf::calendar
