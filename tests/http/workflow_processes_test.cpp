// Several processes run the workflow timers on one database at the same moment (as several
// `kaifang serve` schedulers or cron jobs on a shared PostgreSQL would): every reminder and
// every escalation is sent exactly once.
#include <thread>

#include "catalog_fixture.h"
#include "process.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using WorkflowProcessesTest = BackendTest;

constexpr std::int64_t kSept28Morning = 1790557200000LL;  // 2026-09-28 09:00 China time

TEST_P(WorkflowProcessesTest, ConcurrentTickProcessesSendEachReminderOnce) {
  TestServer s(GetParam(), "security.session_idle_minutes = 525600\npolicy.profile = \"weifang\"\n");
  s.clock().set(kSept28Morning);
  CatalogWorld w(s);
  s.make_user("bureau", "authority");
  Client provider = w.login("transport");
  Client authority = w.login("bureau");
  constexpr int kCases = 8;
  std::string due;
  for (int i = 0; i < kCases; ++i) {
    const std::string code = "MP-" + std::to_string(i);
    auto e = CatalogWorld::entry(code, "多进程样例" + std::to_string(i), {CatalogWorld::field("线路", "text", true)});
    ASSERT_EQ(provider.post("/api/v1/entries", e).status, 201);
    auto job = w.upload(provider, code, "l.csv", "线路\nK1\n");
    ASSERT_EQ(job.at("state"), "succeeded");
    auto r = provider.post("/api/v1/entries/" + code + "/submit", {{"version_id", job.at("version_id").as_int64()}});
    ASSERT_EQ(r.status, 201) << r.body;
    due = std::string(r.json().at("due_date").as_string());
  }
  auto remind_on = provider.get("/api/v1/calendar/working-days?from=" + due + "&n=-2").json().at("date");

  // Two processes, three rounds each, all at once: at the reminder time, then a day after the due date.
  auto storm = [&](const std::string& at) {
    std::vector<pid_t> pids;
    for (int i = 0; i < 6; ++i) {
      pids.push_back(spawn({KAIFANG_BIN, "workflow", "tick", "--db", s.db_url(), "--config", s.config_path(),
                            "--data-dir", KF_SOURCE_DATA_DIR, "--at", at}));
    }
    for (auto pid : pids) EXPECT_EQ(wait_exit(pid), 0);
  };
  storm(std::string(remind_on.as_string()) + "T09:00");
  auto count = [&](const std::string& kind) {
    auto items = authority.get("/api/v1/me/inbox").json().at("items").as_array();
    return std::count_if(items.begin(), items.end(), [&](const json::value& n) { return n.at("kind") == kind.c_str(); });
  };
  EXPECT_EQ(count("reminder"), kCases);
  storm(std::string(remind_on.as_string()) + "T15:00");
  EXPECT_EQ(count("reminder"), kCases) << "a later run sends no second reminder";

  int y = std::stoi(due.substr(0, 4)), m = std::stoi(due.substr(5, 2)), d = std::stoi(due.substr(8, 2));
  std::chrono::sys_days after = std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} /
                                                      std::chrono::day{static_cast<unsigned>(d)}} +
                                std::chrono::days{1};
  std::chrono::year_month_day ymd{after};
  char at[32];
  std::snprintf(at, sizeof at, "%04d-%02u-%02uT09:00", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  storm(at);
  EXPECT_EQ(count("escalated"), kCases);
  EXPECT_EQ(count("overdue"), kCases);  // the authority is also the assignee of the review stage
  auto cases = authority.get("/api/v1/cases?open=1").json().at("items").as_array();
  ASSERT_EQ(cases.size(), static_cast<std::size_t>(kCases));
  for (const auto& c : cases) EXPECT_EQ(c.at("overdue"), true);
}

KF_BACKEND_SUITE(WorkflowProcessesTest);

}  // namespace
}  // namespace kf::test
