// The scenario test clock (docs/testing.md): `kaifang serve --test-clock START` on the real binary,
// refused without [testing] allow_test_clock; POST /api/v1/testing/clock walks working days on the
// real calendar and runs the due timers. The publication case starts on Monday 28 September 2026,
// just before the National Day holiday, and is reminded and then marked overdue.
#include <signal.h>
#include <sys/wait.h>

#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "catalog_fixture.h"
#include "core/crypto.h"
#include "process.h"

namespace kf::test {
namespace {

namespace json = boost::json;

constexpr std::int64_t kSept28Morning = 1790557200000LL;  // 2026-09-28 09:00 China time
// Sessions must outlive the jumps of the clock.
constexpr const char* kTestingOn =
    "testing.allow_test_clock = true\nsecurity.session_idle_minutes = 525600\nsecurity.session_ttl_minutes = 525600\n";

unsigned short free_port() {
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return a.local_endpoint().port();
}

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

Run kaifang(const std::string& args) {
  std::string cmd = std::string(KAIFANG_BIN) + " " + args + " 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// `kaifang serve --test-clock START` on the database and configuration of an in-process test
// server (which set up the organisations, users and cases); stopped with SIGTERM.
class ServeProcess {
 public:
  ServeProcess(TestServer& s, const std::string& start) : port_(free_port()) {
    log_ = (std::filesystem::temp_directory_path() / ("kf-clock-" + core::random_token(6) + ".log")).string();
    pid_ = fork();
    if (pid_ == 0) {
      int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      std::vector<std::string> args = {KAIFANG_BIN, "serve", "--db", s.db_url(), "--config", s.config_path(),
                                       "--data-dir", KF_SOURCE_DATA_DIR, "--listen", "127.0.0.1:" + std::to_string(port_),
                                       "--test-clock", start};
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    // Up to a minute: the sanitizer build of the server starts slowly when every core is busy with
    // other suites (a clean-clone run once took more than 15 s here).
    for (int i = 0; i < 1200 && !up_; ++i) {
      try {
        up_ = Client(port_).get("/healthz").status == 200;
      } catch (...) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  }
  ~ServeProcess() {
    kill(pid_, SIGTERM);
    wait_exit(pid_);
    std::error_code ec;
    std::filesystem::remove(log_, ec);
  }
  bool up() const { return up_; }
  Client client() const { return Client(port_); }
  Client login(const std::string& user) const {
    Client c(port_);
    auto r = c.login(user, TestServer::kPassword);
    if (r.status != 200) throw std::runtime_error("login " + user + ": " + r.body);
    return c;
  }
  std::string log() const {
    std::ifstream in(log_);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

 private:
  unsigned short port_;
  pid_t pid_ = -1;
  bool up_ = false;
  std::string log_;
};

using TestClockTest = BackendTest;

TEST_P(TestClockTest, ServeRefusesTheTestClockWithoutTheConfigurationFlag) {
  TestServer s(GetParam());  // no [testing] allow_test_clock
  auto r = kaifang("serve --db '" + s.db_url() + "' --config '" + s.config_path() + "' --data-dir '" +
                   KF_SOURCE_DATA_DIR + "' --listen 127.0.0.1:" + std::to_string(free_port()) +
                   " --test-clock 2026-09-28");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("allow_test_clock"), std::string::npos) << r.out;

  TestServer t(GetParam(), kTestingOn);
  auto bad = kaifang("serve --db '" + t.db_url() + "' --config '" + t.config_path() + "' --data-dir '" +
                     KF_SOURCE_DATA_DIR + "' --listen 127.0.0.1:" + std::to_string(free_port()) +
                     " --test-clock 2026-02-30");
  EXPECT_EQ(bad.code, 2) << bad.out;
  EXPECT_NE(bad.out.find("时间格式"), std::string::npos) << bad.out;
}

TEST_P(TestClockTest, TheRouteExistsOnlyWithTheTestClockAndOnlyForAdministrators) {
  {
    TestServer s(GetParam());
    Client admin = s.client();
    ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
    EXPECT_EQ(admin.post("/api/v1/testing/clock", {{"advance_days", 1}}).status, 404);
    auto doc = s.client().get("/api/v1/openapi.json").body;
    EXPECT_EQ(doc.find("/api/v1/testing/clock"), std::string::npos);
  }
  TestServer s(GetParam(), kTestingOn);
  s.clock().set(kSept28Morning);
  EXPECT_EQ(s.client().post("/api/v1/testing/clock", {{"advance_days", 1}}).status, 401);
  Client provider = s.session_as("provider");
  EXPECT_EQ(provider.post("/api/v1/testing/clock", {{"advance_days", 1}}).status, 403);
  EXPECT_NE(s.client().get("/api/v1/openapi.json").body.find("/api/v1/testing/clock"), std::string::npos);

  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  for (const json::object& body : {json::object{}, json::object{{"advance_wd", 1}, {"advance_days", 1}},
                                   json::object{{"advance_wd", -1}}, json::object{{"advance_days", "两天"}},
                                   json::object{{"set", "明天"}}, json::object{{"set", "2026-09-01"}}}) {
    auto r = admin.post("/api/v1/testing/clock", body);
    EXPECT_EQ(r.status, 400) << json::serialize(body) << " " << r.body;
    EXPECT_EQ(r.error_code(), "invalid_argument") << r.body;
  }
  auto back = admin.post("/api/v1/testing/clock", {{"set", "2026-09-01"}});
  EXPECT_NE(back.body.find("不能倒退"), std::string::npos) << back.body;
  EXPECT_EQ(s.clock().now_ms(), kSept28Morning) << "a refused move leaves the clock alone";

  auto days = admin.post("/api/v1/testing/clock", {{"advance_days", 2}});
  ASSERT_EQ(days.status, 200) << days.body;
  EXPECT_EQ(days.json().at("now"), "2026-09-30T09:00:00+08:00");
  EXPECT_EQ(days.json().at("previous"), "2026-09-28T09:00:00+08:00");
  EXPECT_EQ(days.json().at("timers").at("reminders"), 0);
  auto set = admin.post("/api/v1/testing/clock", {{"set", "2026-09-30T14:30"}});
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.json().at("now"), "2026-09-30T14:30:00+08:00");
  EXPECT_EQ(set.json().at("now_utc"), "2026-09-30T06:30:00.000Z");
  // Wednesday 30 September + 1 working day skips the National Day holiday (1–7 October).
  auto wd = admin.post("/api/v1/testing/clock", {{"advance_wd", 1}});
  ASSERT_EQ(wd.status, 200) << wd.body;
  auto expect = admin.get("/api/v1/calendar/working-days?from=2026-09-30&n=1").json().at("date");
  EXPECT_EQ(wd.json().at("date"), expect);
  EXPECT_GT(std::string(wd.json().at("date").as_string()), "2026-10-07");
  EXPECT_EQ(std::string(wd.json().at("now").as_string()).substr(10), "T14:30:00+08:00") << "same time of day";
}

// The whole scenario on the real binary: a publication submitted for review on 28 September is
// reminded two working days before its due date and marked overdue the working day after it,
// with the National Day holiday in between.
TEST_P(TestClockTest, APublicationReviewIsRemindedThenOverdueAcrossNationalDay) {
  TestServer s(GetParam(), std::string(kTestingOn) + "policy.profile = \"weifang\"\n");
  s.clock().set(kSept28Morning);
  CatalogWorld w(s);
  s.make_user("bureau", "authority");
  std::int64_t version_id = 0;
  {
    Client provider = w.login("transport");
    auto e = CatalogWorld::entry("TC-1", "公交线路（测试时钟）", {CatalogWorld::field("线路", "text", true)});
    ASSERT_EQ(provider.post("/api/v1/entries", e).status, 201);
    auto job = w.upload(provider, "TC-1", "l.csv", "线路\nK1\n");
    ASSERT_EQ(job.at("state"), "succeeded");
    version_id = job.at("version_id").as_int64();
  }

  ServeProcess p(s, "2026-09-28");
  ASSERT_TRUE(p.up()) << p.log();
  EXPECT_NE(p.log().find("test_clock"), std::string::npos) << "the start is logged loudly: " << p.log();
  Client provider = p.login("transport");
  Client authority = p.login("bureau");
  Client admin = p.login("admin");
  auto sub = provider.post("/api/v1/entries/TC-1/submit", {{"version_id", version_id}});
  ASSERT_EQ(sub.status, 201) << sub.body;
  const std::string due(sub.json().at("due_date").as_string());
  EXPECT_GT(due, "2026-10-07") << "the review's working days skip National Day";
  auto wd_between = [&](const std::string& from, const std::string& to) {
    int n = 0;
    for (std::string d = from; d < to; ++n) {
      d = std::string(authority.get("/api/v1/calendar/working-days?from=" + d + "&n=1").json().at("date").as_string());
    }
    return n;
  };
  const int to_due = wd_between("2026-09-28", due);
  ASSERT_GE(to_due, 3);
  auto move = [&](int n) {
    auto r = admin.post("/api/v1/testing/clock", {{"advance_wd", n}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  auto inbox = [&](const std::string& kind) {
    auto items = authority.get("/api/v1/me/inbox").json().at("items").as_array();
    return std::count_if(items.begin(), items.end(), [&](const json::value& n) { return n.at("kind") == kind.c_str(); });
  };

  // Three working days before the due date: nothing yet (the reminder goes two days before).
  auto early = move(to_due - 3);
  EXPECT_EQ(early.at("timers").at("reminders"), 0) << json::serialize(early);
  EXPECT_EQ(inbox("reminder"), 0);
  // Two working days before: reminded, once.
  auto remind = move(1);
  EXPECT_GE(remind.at("timers").at("reminders").as_int64(), 1) << json::serialize(remind);
  EXPECT_EQ(remind.at("timers").at("overdue"), 0);
  EXPECT_EQ(inbox("reminder"), 1);
  EXPECT_EQ(move(0).at("timers").at("reminders"), 0) << "a second run sends no second reminder";
  // The due date itself is not overdue; the working day after it is.
  EXPECT_EQ(move(2).at("timers").at("overdue"), 0);
  auto late = move(1);
  EXPECT_GE(late.at("timers").at("overdue").as_int64(), 1) << json::serialize(late);
  EXPECT_GE(inbox("overdue"), 1);
  auto cases = authority.get("/api/v1/cases?open=1").json().at("items").as_array();
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases.at(0).at("overdue"), true);
  EXPECT_EQ(cases.at(0).at("due_date"), due.c_str());
}

KF_BACKEND_SUITE(TestClockTest);

}  // namespace
}  // namespace kf::test
