// The working-day calendar: GET /api/v1/calendar (covered years), GET /api/v1/calendar/{year}
// (holidays and make-up working days with names, counts; ?format=toml for the year file),
// GET /api/v1/calendar/working-days (?from=&n= → date, ?from=&to= → working_days) and
// PUT /api/v1/calendar/{year} (administrators; body = the year file, TOML, Content-Type text/plain).
#include <fmt/format.h>

#include "api/calendar_routes.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;
using calendar::Date;
using calendar::DayKind;
using calendar::WorkCalendar;

namespace {

constexpr int kMaxShift = 10000;  // working days; about 40 years

Result<int> year_param(const Request& req) {
  auto it = req.params.find("year");
  const std::string s = it == req.params.end() ? std::string() : it->second;
  bool digits = s.size() == 4 && s.find_first_not_of("0123456789") == std::string::npos;
  int year = digits ? std::stoi(s) : 0;
  if (year < 1900 || year > 2999) return Error::invalid("年份应为 1900–2999 之间的四位数字", "year");
  return year;
}

std::string weekday_name(Date d) {
  static constexpr const char* kNames[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
  return kNames[std::chrono::weekday(std::chrono::sys_days(d)).c_encoding()];
}

json::object day_json(const calendar::DayInfo& d) {
  return {{"date", calendar::to_string(d.date)},
          {"weekday", weekday_name(d.date)},
          {"kind", calendar::to_string(d.kind)},
          {"name", d.name}};
}

json::object year_json(const WorkCalendar& cal, int year) {
  json::array holidays, workdays;
  int on_weekdays = 0;
  for (const auto& d : cal.special_days(year)) {
    if (d.kind == DayKind::holiday) {
      holidays.push_back(day_json(d));
      auto wd = std::chrono::weekday(std::chrono::sys_days(d.date));
      on_weekdays += wd != std::chrono::Saturday && wd != std::chrono::Sunday;
    } else {
      workdays.push_back(day_json(d));
    }
  }
  using std::chrono::December;
  using std::chrono::day;
  const Date last_before{std::chrono::year(year - 1), December, day(31)};
  const Date last{std::chrono::year(year), December, day(31)};
  json::object counts{{"holidays", holidays.size()},
                      {"holidays_on_weekdays", on_weekdays},
                      {"makeup_workdays", workdays.size()},
                      {"working_days", cal.working_days_between(last_before, last)}};
  return {{"year", year},
          {"covered", cal.covers(year)},
          {"holidays", std::move(holidays)},
          {"workdays", std::move(workdays)},
          {"counts", std::move(counts)}};
}

// True when every year from a to b has a published schedule (otherwise plain Mon–Fri was used).
bool covered(const WorkCalendar& cal, Date a, Date b) {
  if (b < a) std::swap(a, b);
  for (int y = static_cast<int>(a.year()); y <= static_cast<int>(b.year()); ++y) {
    if (!cal.covers(y)) return false;
  }
  return true;
}

Result<Date> date_query(const Request& req, const std::string& key) {
  auto it = req.query.find(key);
  if (it == req.query.end() || it->second.empty()) {
    return Error::invalid(fmt::format("缺少参数 {}（日期，YYYY-MM-DD）", key), key);
  }
  auto d = calendar::parse_date(it->second);
  if (!d) return Error::invalid(d.error().message, key);
  if (static_cast<int>(d->year()) < 1900 || static_cast<int>(d->year()) > 2999) {
    return Error::invalid("日期应在 1900–2999 年之间", key);
  }
  return *d;
}

Response handle_calendar_years(ApiContext& ctx, Request&) {
  json::array years;
  for (int y : ctx.calendar.get()->years()) years.push_back(y);
  return http::json_response(bh::ok, json::object{{"years", std::move(years)}});
}

Response handle_calendar_year(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(int year, year_param(req));
  auto cal = ctx.calendar.get();
  auto format = req.query.find("format");
  if (format != req.query.end() && format->second == "toml") {
    if (!cal->covers(year)) return http::error_response(Error::not_found(fmt::format("{} 年的日历尚未发布", year)));
    Response res{bh::ok, 11};
    res.set(http::bh::field::content_type, "text/plain; charset=utf-8");
    res.body() = calendar::to_toml(*cal, year, fmt::format("{} 年全国年节和调休安排", year));
    res.prepare_payload();
    return res;
  }
  return http::json_response(bh::ok, year_json(*cal, year));
}

Response handle_working_days(ApiContext& ctx, Request& req) {
  auto cal = ctx.calendar.get();
  KF_HTTP_ASSIGN(Date from, date_query(req, "from"));
  const bool has_n = req.query.contains("n"), has_to = req.query.contains("to");
  if (has_n == has_to) return http::error_response(Error::invalid("请给出 n（工作日数）或 to（截止日期）之一", "n"));
  if (has_to) {
    KF_HTTP_ASSIGN(Date to, date_query(req, "to"));
    return http::json_response(bh::ok, json::object{{"from", calendar::to_string(from)},
                                                    {"to", calendar::to_string(to)},
                                                    {"working_days", cal->working_days_between(from, to)},
                                                    {"covered", covered(*cal, from, to)}});
  }
  const std::string& ns = req.query.at("n");
  char* end = nullptr;
  long n = std::strtol(ns.c_str(), &end, 10);
  if (ns.empty() || *end != '\0' || n < -kMaxShift || n > kMaxShift) {
    return http::error_response(Error::invalid(fmt::format("n 应为 -{0} 到 {0} 之间的整数", kMaxShift), "n"));
  }
  Date date = cal->add_working_days(from, static_cast<int>(n));
  return http::json_response(bh::ok, json::object{{"from", calendar::to_string(from)},
                                                  {"n", n},
                                                  {"date", calendar::to_string(date)},
                                                  {"weekday", weekday_name(date)},
                                                  {"covered", covered(*cal, from, date)}});
}

Response handle_put_calendar_year(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(int year, year_param(req));
  if (req.header("Content-Type").starts_with("application/json")) {
    return http::error_response(
        Error::invalid("请求体应为该年的日历文件（TOML 文本，Content-Type: text/plain），格式见 data/holidays/README.md"));
  }
  const std::string actor = req.principal ? req.principal->username : std::string("admin");
  KF_HTTP_ASSIGN(auto cal, ctx.calendar.save_year(year, req.body(), actor));
  return http::json_response(bh::ok, year_json(*cal, year));
}

}  // namespace

void register_calendar_routes(http::Router& router, ApiContext& ctx) {
  using V = http::bh::verb;
  auto add = [&](V method, std::string pattern, http::Permission perm, Response (*fn)(ApiContext&, Request&),
                 std::string summary) {
    router.add({method, std::move(pattern), std::move(perm), [&ctx, fn](Request& req) { return fn(ctx, req); },
                std::move(summary), "calendar"});
  };
  const auto anyone = http::Permission::anyone();
  add(V::get, "/api/v1/calendar", anyone, handle_calendar_years, "工作日历：已发布节假日安排的年份");
  // Before /{year}: the router takes the first route whose pattern matches.
  add(V::get, "/api/v1/calendar/working-days", anyone, handle_working_days,
      "工作日计算：?from=日期&n=N 返回第 N 个工作日（N 可为负），?from=&to= 返回区间 (from, to] 内的工作日数");
  add(V::get, "/api/v1/calendar/{year}", anyone, handle_calendar_year,
      "某年的节假日与调休上班日（含名称与天数统计；?format=toml 返回日历文件）");
  add(V::put, "/api/v1/calendar/{year}", http::Permission::any_role({"admin"}), handle_put_calendar_year,
      "新增或更正某年的日历（管理员；请求体为该年的 TOML 日历文件，Content-Type: text/plain）");
}

}  // namespace kf::api
