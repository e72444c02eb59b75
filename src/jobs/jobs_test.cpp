// The job table and runner on SQLite, and on PostgreSQL when KF_TEST_PG_URL is set (each test
// in a schema of its own): claims are exclusive until the lease ends, expired jobs are taken
// over, outcomes are recorded once, several runners run each job once.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "jobs/job_table.h"
#include "jobs/runner.h"

namespace kf::jobs {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 1000000);
}

class JobsTest : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    if (GetParam() == db::Dialect::sqlite) {
      dir_ = fs::temp_directory_path() / ("kf_jobs_test_" + unique_suffix());
      url_ = "sqlite:" + (dir_ / "jobs.db").string();
    } else {
      const char* base = std::getenv("KF_TEST_PG_URL");
      if (base == nullptr || *base == '\0') GTEST_SKIP() << "KF_TEST_PG_URL is not set";
      base_url_ = base;
      schema_ = "kf_jobs_" + unique_suffix();
      auto admin = db::connect(base_url_);
      ASSERT_TRUE(admin) << admin.error().detail;
      ASSERT_TRUE((*admin)->exec_script("CREATE SCHEMA " + schema_));
      url_ = base_url_ + (base_url_.find('?') == std::string::npos ? "?" : "&") + "options=-c%20search_path%3D" +
             schema_;
    }
    pool_ = std::make_unique<db::Pool>(url_, 12);
    auto c = pool_->acquire();
    ASSERT_TRUE(c) << c.error().detail;
    auto m = migrations();
    auto r = db::migrate(**c, m);
    ASSERT_TRUE(r) << r.error().detail;
  }

  void TearDown() override {
    pool_.reset();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
    if (!schema_.empty()) {
      if (auto admin = db::connect(base_url_)) (void)(*admin)->exec_script("DROP SCHEMA " + schema_ + " CASCADE");
    }
  }

  std::int64_t add(const std::string& kind = "test", int max_attempts = 3, json::object payload = {}) {
    auto c = pool_->acquire();
    EXPECT_TRUE(c);
    auto id = insert_job(**c, {kind, std::move(payload), std::int64_t{7}, max_attempts}, 1000);
    EXPECT_TRUE(id) << id.error().detail;
    return id ? *id : 0;
  }

  std::optional<Claim> claim(const std::string& owner, std::int64_t now, std::int64_t lease = 1000,
                             std::vector<Job>* abandoned = nullptr) {
    auto c = pool_->acquire();
    EXPECT_TRUE(c);
    auto r = claim_next(**c, {"test"}, owner, now, lease, abandoned);
    EXPECT_TRUE(r) << r.error().detail;
    return r ? *r : std::nullopt;
  }

  Job row(std::int64_t id) {
    auto c = pool_->acquire();
    EXPECT_TRUE(c);
    auto j = load_job(**c, id);
    EXPECT_TRUE(j);
    return j ? *j : Job{};
  }

  // Polls (bounded) until `done` holds.
  static bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit = 20s) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      if (done()) return true;
      std::this_thread::sleep_for(10ms);
    }
    return done();
  }

  std::string url_;
  std::unique_ptr<db::Pool> pool_;

 private:
  fs::path dir_;
  std::string base_url_, schema_;
};

TEST_P(JobsTest, AClaimIsExclusiveUntilItsLeaseEndsThenTakenOverAndCompletedOnce) {
  auto id = add();
  auto a = claim("host:1:a", 10'000);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->id, id);
  EXPECT_EQ(a->attempts, 1);
  EXPECT_FALSE(claim("host:2:b", 10'500)) << "the lease runs until 11000";
  {
    auto c = pool_->acquire();
    ASSERT_TRUE(c);
    auto renewed = renew(**c, id, "host:1:a", 1, 12'000, json::object{{"rows", 5}});
    ASSERT_TRUE(renewed);
    EXPECT_TRUE(*renewed);
  }
  EXPECT_FALSE(claim("host:2:b", 11'500)) << "renewed until 12000";
  EXPECT_EQ(row(id).progress->at("rows"), 5);

  auto b = claim("host:2:b", 12'001);
  ASSERT_TRUE(b) << "an expired lease is taken over";
  EXPECT_EQ(b->attempts, 2);
  EXPECT_FALSE(row(id).progress) << "a new attempt starts without the old progress";
  auto c = pool_->acquire();
  ASSERT_TRUE(c);
  EXPECT_FALSE(*renew(**c, id, "host:1:a", 1, 20'000)) << "the old owner lost it";
  EXPECT_FALSE(*finish(**c, id, "host:1:a", 1, true, {{"by", "a"}}, "", 12'100));
  EXPECT_TRUE(*finish(**c, id, "host:2:b", 2, true, {{"by", "b"}}, "", 12'200));
  EXPECT_FALSE(*finish(**c, id, "host:2:b", 2, false, {}, "again", 12'300)) << "an outcome is recorded once";
  Job j = row(id);
  EXPECT_EQ(j.state, "succeeded");
  EXPECT_EQ(j.owner, "host:2:b");
  EXPECT_EQ(j.attempts, 2);
  ASSERT_TRUE(j.result);
  EXPECT_EQ(j.result->at("by"), "b");
  EXPECT_EQ(j.created_by, 7);
  EXPECT_FALSE(claim("host:3:c", 1'000'000)) << "finished jobs are never claimed";
}

TEST_P(JobsTest, AJobWhoseAttemptsAllDiedIsGivenUp) {
  auto id = add("test", 2);
  ASSERT_TRUE(claim("p1", 10'000));
  ASSERT_TRUE(claim("p2", 20'000));
  std::vector<Job> abandoned;
  EXPECT_FALSE(claim("p3", 30'000, 1000, &abandoned));
  ASSERT_EQ(abandoned.size(), 1u);
  EXPECT_EQ(abandoned[0].id, id);
  Job j = row(id);
  EXPECT_EQ(j.state, "failed");
  EXPECT_FALSE(j.error.empty());
  auto c = pool_->acquire();
  ASSERT_TRUE(c);
  EXPECT_FALSE(*finish(**c, id, "p2", 2, true, {}, "", 30'001)) << "the dead attempt cannot finish it now";
}

TEST_P(JobsTest, ConcurrentClaimersEachWinDifferentJobs) {
  constexpr int kJobs = 24, kClaimers = 6;
  for (int i = 0; i < kJobs; ++i) add();
  std::mutex mu;
  std::multiset<std::int64_t> won;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClaimers; ++t) {
    threads.emplace_back([&, t] {
      auto conn = db::connect(url_);
      if (!conn) {
        ++failures;
        return;
      }
      for (int misses = 0; misses < 3;) {
        auto c = claim_next(**conn, {"test"}, "owner-" + std::to_string(t), 50'000, 60'000);
        if (!c) {
          ++misses;  // SQLite busy under contention: try again
          continue;
        }
        if (!*c) {
          ++misses;
          continue;
        }
        std::lock_guard lock(mu);
        won.insert((*c)->id);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(won.size(), static_cast<std::size_t>(kJobs)) << "every job claimed";
  EXPECT_EQ(std::set<std::int64_t>(won.begin(), won.end()).size(), won.size()) << "and none twice";
}

TEST_P(JobsTest, TwoRunnersRunEveryJobOnceAndRecordItsResult) {
  std::mutex mu;
  std::multiset<std::int64_t> ran;
  auto handler = [&](JobContext& ctx) -> Result<json::object> {
    {
      std::lock_guard lock(mu);
      ran.insert(ctx.id());
    }
    if (ctx.payload().at("n").as_int64() == 3) return Error::invalid("第 3 个任务失败");
    return json::object{{"double", ctx.payload().at("n").as_int64() * 2}};
  };
  db::Pool other(url_, 6);  // a second "process": its own pool and owner id
  JobRunner r1(*pool_, {2, 5000, 20, 50, "proc-1"});
  JobRunner r2(other, {2, 5000, 20, 50, "proc-2"});
  r1.register_kind("test", handler);
  r2.register_kind("test", handler);
  r1.start();
  r2.start();
  std::vector<std::int64_t> ids;
  for (int n = 0; n < 12; ++n) {
    auto id = (n % 2 ? r1 : r2).submit({"test", {{"n", n}}, std::nullopt, 3});
    ASSERT_TRUE(id) << id.error().detail;
    ids.push_back(*id);
  }
  ASSERT_TRUE(eventually([&] {
    for (auto id : ids) {
      auto s = row(id).state;
      if (s == "queued" || s == "running") return false;
    }
    return true;
  }));
  r1.stop();
  r2.stop();
  EXPECT_EQ(ran.size(), ids.size());
  EXPECT_EQ(std::set<std::int64_t>(ran.begin(), ran.end()).size(), ids.size()) << "each job ran once";
  for (int n = 0; n < 12; ++n) {
    Job j = row(ids[static_cast<std::size_t>(n)]);
    EXPECT_EQ(j.attempts, 1);
    if (n == 3) {
      EXPECT_EQ(j.state, "failed");
      EXPECT_EQ(j.error, "第 3 个任务失败");
    } else {
      EXPECT_EQ(j.state, "succeeded");
      ASSERT_TRUE(j.result);
      EXPECT_EQ(j.result->at("double"), n * 2);
    }
  }
}

TEST_P(JobsTest, ARunnerTakesOverTheJobOfADeadProcessAndCleansUpOnce) {
  core::SystemClock wall;
  auto id = add("test", 3, {{"file", "x"}});
  ASSERT_TRUE(claim("dead-host:1:x", wall.now_ms() - 60'000));  // its lease ended a minute ago
  std::atomic<int> attempt_seen{0}, cleanups{0};
  JobRunner r(*pool_, {1, 3000, 20, 50, "alive"});
  r.register_kind(
      "test",
      [&](JobContext& ctx) -> Result<json::object> {
        attempt_seen = ctx.attempt();
        return json::object{{"ok", true}};
      },
      [&](const Job& j) {
        EXPECT_EQ(j.payload.at("file"), "x");
        ++cleanups;
      });
  r.start();
  ASSERT_TRUE(eventually([&] { return row(id).state == "succeeded"; }));
  r.stop();
  EXPECT_EQ(attempt_seen, 2);
  EXPECT_EQ(cleanups, 1);
  EXPECT_EQ(row(id).owner, "alive");
}

TEST_P(JobsTest, TheHeartbeatKeepsTheLeaseAndWritesProgressAndAFenceRefusesALostAttempt) {
  std::atomic<bool> release{false}, started{false};
  std::atomic<int> fence_result{-1};
  JobRunner r(*pool_, {1, 300, 20, 50, "worker"});
  r.register_kind("test", [&](JobContext& ctx) -> Result<json::object> {
    auto n = std::make_shared<std::atomic<int>>(41);
    ctx.set_progress_source([n] { return json::object{{"n", n->load()}}; });
    ++*n;
    started = true;
    while (!release) std::this_thread::sleep_for(5ms);
    auto c = pool_->acquire();
    if (!c) return c.error();
    auto fenced = db::transaction(**c, [&]() -> Result<void> { return ctx.fence(**c); });
    fence_result = fenced ? 1 : 0;
    if (!fenced) return fenced.error();
    return json::object{};
  });
  r.start();
  auto id = r.submit({"test", {}, std::nullopt, 3});
  ASSERT_TRUE(id);
  ASSERT_TRUE(eventually([&] { return started.load(); }));
  ASSERT_TRUE(eventually([&] {
    auto j = row(*id);
    return j.progress && j.progress->at("n") == 42;
  })) << "progress reaches the row";
  auto live = r.get(*id);
  ASSERT_TRUE(live);
  EXPECT_EQ(live->progress->at("n"), 42);
  // Over several lease lengths nobody else can claim it: the heartbeat renews every lease/3.
  core::SystemClock wall;
  auto until = std::chrono::steady_clock::now() + 1200ms;
  while (std::chrono::steady_clock::now() < until) {
    ASSERT_FALSE(claim("thief", wall.now_ms(), 300)) << "a renewed lease is not taken over";
    std::this_thread::sleep_for(50ms);
  }
  // Now the job is taken over behind the runner's back (as if its lease had run out): the
  // attempt's fence refuses, and its outcome is not recorded.
  ASSERT_TRUE(claim("thief", wall.now_ms() + 10'000, 60'000));
  release = true;
  ASSERT_TRUE(eventually([&] { return fence_result.load() != -1; }));
  r.stop();
  EXPECT_EQ(fence_result, 0);
  Job j = row(*id);
  EXPECT_EQ(j.state, "running");
  EXPECT_EQ(j.owner, "thief");
  EXPECT_EQ(j.attempts, 2);
}

INSTANTIATE_TEST_SUITE_P(Dialects, JobsTest, ::testing::Values(db::Dialect::sqlite, db::Dialect::postgres),
                         [](const auto& p) { return p.param == db::Dialect::sqlite ? "sqlite" : "postgres"; });

}  // namespace
}  // namespace kf::jobs
