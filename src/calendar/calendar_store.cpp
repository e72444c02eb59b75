#include "calendar/calendar_store.h"

#include <fmt/format.h>

#include <filesystem>

namespace kf::calendar {

namespace {

constexpr const char* kSelectYears = "SELECT year, doc FROM calendar_years ORDER BY year";
constexpr const char* kUpsertYear =
    "INSERT INTO calendar_years (year, doc, updated_at, updated_by) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (year) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at,"
    " updated_by = excluded.updated_by";

}  // namespace

std::vector<db::Migration> migrations() {
  return {
      {300, "calendar: year overrides of the holiday schedule", R"sql(
CREATE TABLE calendar_years (
  year INTEGER PRIMARY KEY,
  doc TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);
)sql"},
  };
}

Result<WorkCalendar> load_calendar(db::Connection& conn, const std::string& dir) {
  WorkCalendar cal;
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) {
    KF_ASSIGN(cal, WorkCalendar::load_dir(dir));
  }
  KF_ASSIGN(db::ResultSet rs, conn.query(kSelectYears));
  for (const auto& row : rs.rows) {
    std::string source = fmt::format("数据库中 {} 年的日历", row.int64(0));
    KF_ASSIGN(WorkCalendar year, WorkCalendar::parse_year(row.text(1), source));
    cal.overlay(year);
  }
  return cal;
}

Result<void> save_year(db::Connection& conn, int year, std::string_view toml, const std::string& actor,
                       std::int64_t now_ms) {
  KF_ASSIGN(WorkCalendar parsed, WorkCalendar::parse_year(toml));
  if (parsed.years() != std::vector<int>{year}) {
    return Error::invalid(fmt::format("文件中的 year = {} 与要修改的年份 {} 不一致", parsed.years().at(0), year),
                          "year");
  }
  KF_TRY(conn.query(kUpsertYear, {db::Value{std::int64_t{year}}, db::Value{std::string(toml)},
                                  db::Value{now_ms}, db::Value{actor}}));
  return ok();
}

CalendarService::CalendarService(db::Pool& pool, const core::Clock& clock, WorkCalendar initial)
    : pool_(pool), clock_(clock), current_(std::make_shared<const WorkCalendar>(std::move(initial))) {}

std::shared_ptr<const WorkCalendar> CalendarService::get() const {
  std::lock_guard lock(mu_);
  return current_;
}

Result<std::shared_ptr<const WorkCalendar>> CalendarService::save_year(int year, std::string_view toml,
                                                                       const std::string& actor) {
  std::lock_guard write(write_mu_);
  KF_ASSIGN(WorkCalendar parsed, WorkCalendar::parse_year(toml));
  {
    KF_ASSIGN(auto conn, pool_.acquire());
    KF_TRY(calendar::save_year(*conn, year, toml, actor, clock_.now_ms()));
  }
  auto next = std::make_shared<WorkCalendar>(*get());
  next->overlay(parsed);
  std::shared_ptr<const WorkCalendar> done = std::move(next);
  std::lock_guard lock(mu_);
  current_ = done;
  return done;
}

}  // namespace kf::calendar
