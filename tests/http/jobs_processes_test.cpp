// Two `kaifang serve` processes on one PostgreSQL database share the job runner (issue 11
// item 8): starting a second process leaves the first one's import running, and when the
// process running an import is killed (-9) the other takes the job over when its lease ends
// and finishes it: succeeded, exactly one new version, every row. PostgreSQL only (several
// server processes on one database is the PostgreSQL deployment).
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog_fixture.h"
#include "db/database.h"
#include "process.h"

namespace kf::test {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

// A port nobody listens on right now.
unsigned short free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

// One `kaifang serve` child with its log in a file (shown when a test fails).
struct ServeProcess {
  ServeProcess(const std::string& db, const std::string& config, const fs::path& log_file)
      : port(free_port()), log(log_file) {
    pid = fork();
    if (pid == 0) {
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      std::vector<std::string> args{KAIFANG_BIN, "serve", "--db", db, "--config", config, "--data-dir",
                                    KF_SOURCE_DATA_DIR, "--listen", "127.0.0.1:" + std::to_string(port)};
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
  }
  ~ServeProcess() {
    if (pid > 0) {
      ::kill(pid, SIGKILL);
      wait_exit(pid);
    }
  }
  bool ready() {
    return eventually(
        [&] {
          try {
            return Client(port).get("/healthz").status == 200;
          } catch (const std::exception&) {
            return false;
          }
        },
        30s);
  }
  void kill9() {
    ::kill(pid, SIGKILL);
    wait_exit(pid);
    pid = -1;
  }
  std::string log_text() const {
    std::ifstream in(log);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  unsigned short port;
  fs::path log;
  pid_t pid = -1;
};

struct JobRow {
  std::string state, owner;
  std::int64_t attempts = 0;
};

TEST(JobProcessesTest, AnotherServerFinishesTheImportOfAKilledOneAndStartingOneFailsNothing) {
  if (pg_url_or_empty().empty()) GTEST_SKIP() << "KF_TEST_PG_URL not set: several server processes need PostgreSQL";
  // The in-process server runs no jobs: it sets up users and entries and reads job states.
  TestServer s("postgres", "jobs.threads = 0\n");
  CatalogWorld w(s);
  fs::path dir = fs::path(s.config_path()).parent_path();
  {
    std::ifstream in(s.config_path());
    std::stringstream cfg;
    cfg << in.rdbuf();
    std::string text = cfg.str();
    text.erase(text.find("jobs.threads = 0"), std::string("jobs.threads = 0").size());
    // Same database, secret and storage directory; a short lease so a takeover comes quickly.
    std::ofstream(dir / "serve.toml") << text << "\njobs.threads = 2\njobs.lease_s = 2\njobs.poll_ms = 100\n";
  }
  Client setup = w.login("transport");
  auto e = CatalogWorld::entry("JOB-1", "多进程导入样例",
                               {CatalogWorld::field("编号", "integer", true), CatalogWorld::field("说明", "text")});
  ASSERT_EQ(setup.post("/api/v1/entries", e).status, 201);

  // Big enough that the import runs for several seconds.
  constexpr int kRows = 1'500'000;
  std::string csv = "编号,说明\n";
  csv.reserve(kRows * 40);
  for (int i = 0; i < kRows; ++i) csv += std::to_string(i) + ",第" + std::to_string(i) + "行，多进程导入\n";

  auto db = db::connect(s.db_url());
  ASSERT_TRUE(db) << db.error().detail;
  auto job_row = [&](std::int64_t id) {
    auto rs = (*db)->query("SELECT state, owner, attempts FROM jobs WHERE id = ?", {id});
    JobRow r;
    if (rs && !rs->rows.empty()) r = {rs->rows[0].text(0), rs->rows[0].text(1), rs->rows[0].int64(2)};
    return r;
  };

  ServeProcess a(s.db_url(), (dir / "serve.toml").string(), dir / "a.log");
  ASSERT_TRUE(a.ready()) << a.log_text();
  Client ca(a.port);
  ASSERT_EQ(ca.login("transport", TestServer::kPassword).status, 200);
  auto up = ca.request("POST", "/api/v1/entries/JOB-1/uploads?mode=reject&filename=big.csv", csv,
                       {{"X-CSRF-Token", ca.csrf}, {"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(up.status, 202) << up.body;
  std::int64_t id = up.json().at("id").as_int64();
  ASSERT_TRUE(eventually(
      [&] {
        auto j = setup.get("/api/v1/jobs/" + std::to_string(id)).json();
        return j.at("state") == "running" && j.at("rows_read").as_int64() > 0;
      },
      30s))
      << "A starts the import and its progress reaches the database; " << a.log_text();
  EXPECT_EQ(job_row(id).attempts, 1);
  std::string owner_a = job_row(id).owner;
  EXPECT_NE(owner_a.find(":" + std::to_string(a.pid) + ":"), std::string::npos) << owner_a;

  // A second process starts while A imports: the job stays A's, running (it used to be failed).
  ServeProcess b(s.db_url(), (dir / "serve.toml").string(), dir / "b.log");
  ASSERT_TRUE(b.ready()) << b.log_text();
  JobRow before_kill = job_row(id);
  ASSERT_EQ(before_kill.state, "running") << "the import ended before the test could kill it: make the file bigger";
  EXPECT_EQ(before_kill.owner, owner_a);
  EXPECT_EQ(before_kill.attempts, 1);
  Client cb(b.port);
  ASSERT_EQ(cb.login("transport", TestServer::kPassword).status, 200);
  auto seen_by_b = cb.get("/api/v1/jobs/" + std::to_string(id)).json();
  EXPECT_EQ(seen_by_b.at("state"), "running") << "B answers for the job A runs";

  // kill -9 A in the middle of the import: B takes the job over when A's lease ends.
  a.kill9();
  json::value done;
  ASSERT_TRUE(eventually(
      [&] {
        done = cb.get("/api/v1/jobs/" + std::to_string(id)).json();
        auto st = done.at("state");
        return st != "queued" && st != "running";
      },
      120s))
      << b.log_text();
  EXPECT_EQ(done.at("state"), "succeeded") << json::serialize(done);
  EXPECT_EQ(done.at("accepted"), kRows);
  EXPECT_EQ(done.at("rejected"), 0);
  JobRow after = job_row(id);
  EXPECT_EQ(after.state, "succeeded");
  EXPECT_EQ(after.attempts, 2) << "run again from the start by B";
  EXPECT_NE(after.owner.find(":" + std::to_string(b.pid) + ":"), std::string::npos) << after.owner;

  auto versions = cb.get("/api/v1/entries/JOB-1/versions").json().at("items").as_array();
  ASSERT_EQ(versions.size(), 1u) << "exactly one new version";
  EXPECT_EQ(versions[0].at("row_count"), kRows);
  EXPECT_EQ(versions[0].at("id"), done.at("version_id"));
  auto rs = (*db)->query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'data'");
  ASSERT_TRUE(rs);
  EXPECT_EQ(rs->rows[0].int64(0), 1) << "the killed attempt left no table behind";
  int uploads = 0;
  for (const auto& f : fs::directory_iterator(dir / "work" / "jobs")) {
    uploads += f.path().filename().string().starts_with("upload-");
  }
  EXPECT_EQ(uploads, 0) << "the upload file is removed once the job has ended";
}

}  // namespace
}  // namespace kf::test
