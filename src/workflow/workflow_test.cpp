// The workflow engine on an in-memory SQLite database with a manual clock and a Monday–Friday
// calendar: stages, actions and permissions, history, the inbox, reminders exactly once,
// overdue marking and escalation.
#include "workflow/workflow.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace kf::workflow {
namespace {

using namespace std::chrono;

// Monday–Friday only: enough for the engine's own behaviour (the national calendar is tested
// in src/calendar and through the flows).
class WeekDays final : public WorkingDays {
 public:
  static sys_days parse(const std::string& s) {
    int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    return sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}};
  }
  static bool working(sys_days d) {
    weekday w{d};
    return w != Saturday && w != Sunday;
  }
  std::string add(const std::string& date, int n) const override {
    sys_days d = parse(date);
    while (n > 0) {
      d += days{1};
      if (working(d)) --n;
    }
    return china_date(duration_cast<milliseconds>(d.time_since_epoch()).count());
  }
  int between(const std::string& a, const std::string& b) const override {
    sys_days x = parse(a), y = parse(b);
    int sign = 1;
    if (y < x) std::swap(x, y), sign = -1;
    int n = 0;
    for (sys_days d = x + days{1}; d <= y; d += days{1}) n += working(d);
    return sign * n;
  }
};

// 2026-11-23 (a Monday) 09:00 China time.
constexpr std::int64_t kMonday9 = 1795395600000LL;
constexpr std::int64_t kDay = 24LL * 3600 * 1000;

class EngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = std::make_unique<db::Pool>("sqlite:" + path_, 4);
    auto c = pool_->acquire();
    ASSERT_TRUE(c);
    auto ms = migrations();
    ASSERT_TRUE(db::migrate(**c, ms));
    engine_ = std::make_unique<Engine>(*pool_, clock_, days_, recipients(), 2);
  }
  void TearDown() override {
    engine_.reset();
    pool_.reset();
    std::remove(path_.c_str());
    std::remove((path_ + "-wal").c_str());
    std::remove((path_ + "-shm").c_str());
  }
  // Provider staff 11, 12 of organisation 7; authority 21.
  Recipients recipients() {
    return [](const std::string& role, std::optional<std::int64_t> org) -> Result<std::vector<std::int64_t>> {
      if (role == "provider" && org == 7) return std::vector<std::int64_t>{11, 12};
      if (role == "authority") return std::vector<std::int64_t>{21};
      return std::vector<std::int64_t>{};
    };
  }
  static std::vector<StageDef> stages() {
    return {{"submit", "提交", "provider", 0, {}},
            {"normative_review", "规范性审核", "authority", 5, {"approve", "reject", "escalate"}},
            {"final_review", "终审", "authority", 3, {}}};
  }
  NewCase publication() { return {"publication", "发布审核：公交线路", "E-1", 7, stages(), {{"version_id", 3}}}; }
  std::size_t count(std::int64_t user, const std::string& kind) {
    auto inbox = engine_->inbox(user, false);
    EXPECT_TRUE(inbox);
    std::size_t n = 0;
    for (const auto& x : *inbox) n += x.kind == kind;
    return n;
  }

  std::string path_ = ::testing::TempDir() + "kf-workflow-" + std::to_string(::getpid()) + ".db";
  core::ManualClock clock_{kMonday9};
  WeekDays days_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<Engine> engine_;
  Actor provider_{11, "transport", {"provider"}, {7}};
  Actor other_provider_{31, "market", {"provider"}, {8}};
  Actor authority_{21, "bureau", {"authority"}, {1}};
};

TEST_F(EngineTest, ChinaDateIsUtcPlusEight) {
  EXPECT_EQ(china_date(kMonday9), "2026-11-23");
  EXPECT_EQ(china_date(kMonday9 - 9 * 3600 * 1000LL - 1), "2026-11-22");  // 23:59:59.999 Sunday
}

TEST_F(EngineTest, SubmitRejectResubmitApproveWithHistoryAndInbox) {
  auto c = engine_->submit(provider_, publication(), "请审核");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->state, "open");
  EXPECT_EQ(c->stage().key, "normative_review");
  EXPECT_EQ(c->due_date, "2026-11-30");  // 5 working days after Monday 23rd
  EXPECT_EQ(count(21, "assigned"), 1u);
  EXPECT_EQ(engine_->days_left(*c), 5);

  // Only the assignee acts; a reason is required to reject.
  EXPECT_EQ(engine_->act(provider_, c->id, "approve", "").error().code, ErrorCode::permission_denied);
  EXPECT_EQ(engine_->act(authority_, c->id, "reject", "").error().field, "comment");
  EXPECT_EQ(engine_->act(authority_, c->id, "resubmit", "x").error().code, ErrorCode::conflict) << "not in the profile's list";
  clock_.advance(milliseconds(kDay));
  auto rejected = engine_->act(authority_, c->id, "reject", "缺少法律依据");
  ASSERT_TRUE(rejected) << rejected.error().message;
  EXPECT_EQ(rejected->state, "returned");
  EXPECT_EQ(rejected->stage_index, 0);
  EXPECT_EQ(rejected->assignee_org_id, 7);
  EXPECT_EQ(count(11, "returned"), 1u);
  EXPECT_EQ(count(12, "returned"), 1u);
  EXPECT_EQ(engine_->act(other_provider_, c->id, "resubmit", "").error().code, ErrorCode::permission_denied);

  auto again = engine_->act(provider_, c->id, "resubmit", "已补充", {{"version_id", 4}});
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->round, 2);
  EXPECT_EQ(again->stage().key, "normative_review");
  EXPECT_EQ(again->due_date, "2026-12-01");  // restarted from Tuesday
  EXPECT_EQ(again->payload.at("version_id").as_int64(), 4);
  ASSERT_TRUE(engine_->act(authority_, c->id, "approve", "通过"));
  auto done = engine_->act(authority_, c->id, "approve", "终审通过");
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, "approved");
  EXPECT_FALSE(engine_->days_left(*done));
  EXPECT_EQ(engine_->act(authority_, c->id, "approve", "").error().code, ErrorCode::conflict);
  EXPECT_EQ(count(11, "approved"), 1u);

  auto h = engine_->history(c->id);
  ASSERT_TRUE(h);
  std::vector<std::string> actions;
  for (const auto& e : *h) actions.push_back(e.action + "@" + e.stage_key + "#" + std::to_string(e.round));
  EXPECT_EQ(actions, (std::vector<std::string>{"submit@submit#1", "reject@normative_review#1", "resubmit@submit#1",
                                               "approve@normative_review#2", "approve@final_review#2"}));
  EXPECT_EQ((*h)[1].comment, "缺少法律依据");
}

TEST_F(EngineTest, RemindersAreSentOnceAndOverdueCasesEscalate) {
  auto c = engine_->submit(provider_, publication(), "");
  ASSERT_TRUE(c);  // due Monday 30th
  ASSERT_EQ(engine_->tick()->reminders, 0);
  clock_.advance(milliseconds(3 * kDay));  // Thursday 26th: 2 working days left = lead time
  auto t = engine_->tick();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->reminders, 1);
  EXPECT_EQ(engine_->tick()->reminders, 0);
  clock_.advance(milliseconds(kDay));
  EXPECT_EQ(engine_->tick()->reminders, 0);
  EXPECT_EQ(count(21, "reminder"), 1u);

  clock_.advance(milliseconds(4 * kDay));  // Tuesday 1st December: overdue
  auto o = engine_->tick();
  EXPECT_EQ(o->overdue, 1);
  EXPECT_EQ(o->escalated, 1);
  EXPECT_EQ(engine_->tick()->overdue, 0);
  auto now = engine_->get(c->id);
  EXPECT_TRUE(now->overdue_at);
  EXPECT_EQ(engine_->days_left(*now), -1);
  EXPECT_EQ(count(21, "overdue"), 1u);
  EXPECT_EQ(count(21, "escalated"), 1u);
  auto h = engine_->history(c->id);
  EXPECT_EQ(h->back().action, "overdue");

  // The next stage starts with fresh timers.
  ASSERT_TRUE(engine_->act(authority_, c->id, "approve", ""));
  EXPECT_FALSE(engine_->get(c->id)->overdue_at);
}

TEST_F(EngineTest, ConcurrentTicksSendEachReminderOnce) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 20; ++i) {
    auto nc = publication();
    nc.subject_code = "E-" + std::to_string(i);
    ids.push_back(engine_->submit(provider_, nc, "")->id);
  }
  clock_.advance(milliseconds(3 * kDay));
  Engine second(*pool_, clock_, days_, recipients(), 2);
  std::atomic<int> sent{0};
  std::thread a([&] { sent += engine_->tick()->reminders; });
  std::thread b([&] { sent += second.tick()->reminders; });
  a.join();
  b.join();
  EXPECT_EQ(sent.load(), 20);
  EXPECT_EQ(count(21, "reminder"), 20u);
}

TEST_F(EngineTest, WithdrawAndVisibility) {
  auto c = engine_->submit(provider_, publication(), "");
  EXPECT_EQ(engine_->list(other_provider_, {})->size(), 0u);
  EXPECT_EQ(engine_->list(provider_, {})->size(), 1u);
  CaseFilter mine;
  mine.assigned_to_me = true;
  EXPECT_EQ(engine_->list(authority_, mine)->size(), 1u);
  EXPECT_EQ(engine_->list(provider_, mine)->size(), 0u);
  EXPECT_EQ(engine_->act(other_provider_, c->id, "withdraw", "").error().code, ErrorCode::permission_denied);
  auto w = engine_->act(provider_, c->id, "withdraw", "不再发布");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->state, "withdrawn");
  EXPECT_EQ(engine_->list(authority_, mine)->size(), 0u);
  auto inbox = engine_->inbox(21, true);
  ASSERT_FALSE(inbox->empty());
  ASSERT_TRUE(engine_->mark_read(21, inbox->front().id));
  EXPECT_EQ(engine_->inbox(21, true)->size(), inbox->size() - 1);
  EXPECT_FALSE(engine_->mark_read(11, inbox->front().id)) << "someone else's message";
}

}  // namespace
}  // namespace kf::workflow
