// Year overrides in the database, so administrators can add or correct a year without a release:
// table calendar_years (migrations 300–309) holds a year's file text (data/holidays format),
// which replaces the shipped file of that year.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/calendar.h"
#include "core/clock.h"
#include "db/database.h"

namespace kf::calendar {

// The calendar module's migrations (versions 300–309).
std::vector<db::Migration> migrations();

// The shipped files of `dir` (a missing folder counts as empty: plain Monday to Friday), then
// every year stored in the database on top.
Result<WorkCalendar> load_calendar(db::Connection& conn, const std::string& dir);

// Validates `toml` (WorkCalendar::parse_year rules, and its `year` must be `year`) and stores it
// as the override of that year. invalid_argument with the line for a bad file.
Result<void> save_year(db::Connection& conn, int year, std::string_view toml, const std::string& actor,
                       std::int64_t now_ms);

// The calendar of a running deployment: the current WorkCalendar, replaced whole when an
// administrator saves a year. Thread-safe. Other server processes on the same database see the
// change when they restart.
class CalendarService {
 public:
  CalendarService(db::Pool& pool, const core::Clock& clock, WorkCalendar initial);
  // The current calendar; stays valid (and unchanged) for as long as the caller holds it.
  std::shared_ptr<const WorkCalendar> get() const;
  // save_year, then the current calendar with that year replaced.
  Result<std::shared_ptr<const WorkCalendar>> save_year(int year, std::string_view toml, const std::string& actor);

 private:
  db::Pool& pool_;
  const core::Clock& clock_;
  mutable std::mutex mu_;     // guards current_
  std::mutex write_mu_;       // one save at a time, so two saves cannot lose each other's year
  std::shared_ptr<const WorkCalendar> current_;
};

}  // namespace kf::calendar
