// POST /api/v1/testing/clock: {advance_wd: N} | {advance_days: N} | {set: "2026-10-09T09:00"}.
// Moves the test clock (never backwards), then runs the due timers once, and answers the new
// time with what the timers did. Only registered on a server started with --test-clock.
#include <spdlog/spdlog.h>

#include <chrono>
#include <mutex>

#include "api/testing_routes.h"
#include "core/json.h"
#include "workflow/workflow.h"

namespace kf::api {

namespace json = boost::json;

namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// One move at a time: a move and its timer run are one step of the scenario.
std::mutex clock_mu;

// Days from one YYYY-MM-DD to another.
std::int64_t days_between(const std::string& a, const std::string& b) {
  auto day = [](const std::string& s) {
    std::chrono::year_month_day ymd{std::chrono::year{std::stoi(s.substr(0, 4))},
                                    std::chrono::month{static_cast<unsigned>(std::stoi(s.substr(5, 2)))},
                                    std::chrono::day{static_cast<unsigned>(std::stoi(s.substr(8, 2)))}};
    return std::chrono::sys_days{ymd}.time_since_epoch().count();
  };
  return static_cast<std::int64_t>(day(b) - day(a));
}

json::object time_json(std::int64_t ms) {
  return {{"now", core::china_iso8601(ms)}, {"now_utc", core::iso8601(ms)}, {"date", workflow::china_date(ms)}};
}

Result<std::int64_t> target_of(ApiContext& ctx, const json::object& body, std::int64_t now) {
  int given = 0;
  for (const char* k : {"advance_wd", "advance_days", "set"}) given += body.contains(k) ? 1 : 0;
  if (given != 1) {
    return Error::invalid("请给出且只给出 advance_wd（工作日数）、advance_days（自然日数）或 set（时间）之一");
  }
  if (body.contains("set")) {
    KF_ASSIGN(auto s, core::required_string(body, "set", "目标时间"));
    auto ms = core::parse_china_time(s);
    if (!ms) return Error::invalid(ms.error().message, "set");
    if (*ms < now) return Error::invalid("测试时钟不能倒退：目标时间早于当前测试时间 " + core::china_iso8601(now), "set");
    return *ms;
  }
  const bool wd = body.contains("advance_wd");
  const char* key = wd ? "advance_wd" : "advance_days";
  KF_ASSIGN(auto n, core::optional_int(body, key, wd ? "工作日数" : "自然日数"));
  if (!n || *n < 0 || *n > 3660) return Error::invalid(std::string(key) + " 应为 0–3660 之间的整数", key);
  if (!wd) return now + *n * kDayMs;
  if (*n == 0) return now;
  // The N-th working day after today on the deployment's calendar (调休 included), same time of day.
  const std::string today = workflow::china_date(now);
  const std::string day = ctx.review.engine().working_days().add(today, static_cast<int>(*n));
  return now + days_between(today, day) * kDayMs;
}

Response handle_clock(ApiContext& ctx, Request& req) {
  KF_HTTP_ASSIGN(auto body, core::parse_object(req.body()));
  std::lock_guard lock(clock_mu);
  auto& clock = *ctx.test_clock;
  const std::int64_t before = clock.now_ms();
  KF_HTTP_ASSIGN(auto target, target_of(ctx, body, before));
  clock.set(target);
  spdlog::warn("{{\"event\":\"test_clock_moved\",\"from\":\"{}\",\"to\":\"{}\"}}", core::china_iso8601(before),
               core::china_iso8601(target));
  KF_HTTP_ASSIGN(auto tick, ctx.review.engine().tick());
  json::object out = time_json(target);
  out["previous"] = core::china_iso8601(before);
  out["timers"] = {{"reminders", tick.reminders}, {"overdue", tick.overdue}, {"escalated", tick.escalated},
                   {"mailed", tick.mailed}};
  return http::json_response(http::bh::status::ok, out);
}

}  // namespace

void register_testing_routes(http::Router& router, ApiContext& ctx) {
  router.add({http::bh::verb::post, "/api/v1/testing/clock", http::Permission::any_role({"admin"}),
              [&ctx](Request& req) { return handle_clock(ctx, req); },
              "仅测试环境（serve --test-clock）：移动测试时钟（{advance_wd: 工作日数} | {advance_days: 自然日数} | "
              "{set: 时间}，不能倒退），随后执行一次期限检查；返回新的时间与到期提醒、逾期、督办的件数",
              "testing", false});
}

}  // namespace kf::api
