// The case engine on a SQLite database with a manual clock and a Monday–Friday calendar: stages,
// actions and permissions, parties and jurisdictions, named outcomes, review rounds, update
// cycles, procedure deadlines, the stopped clock of a correction, flows and hooks in the
// transaction, history, the inbox, reminders exactly once, overdue marking and escalation.
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
    notifier_ = std::make_unique<notify::Notifier>(*pool_, clock_);
    engine_ = std::make_unique<Engine>(*pool_, clock_, days_, directory_, *notifier_, 2);
  }
  void TearDown() override {
    engine_.reset();
    notifier_.reset();
    pool_.reset();
    std::remove(path_.c_str());
    std::remove((path_ + "-wal").c_str());
    std::remove((path_ + "-shm").c_str());
  }
  // Organisations: 1 the city bureau of Weifang (370700), 2 a county bureau (370702), 7 a
  // county provider (370702), 8 a city provider (370700). Provider staff 11, 12 of 7; 31 of 8;
  // authority 21 (city bureau) and 22 (county bureau).
  class TestDirectory final : public Directory {
   public:
    std::string region_of(std::int64_t org) const override {
      switch (org) {
        case 1: case 8: return "370700";
        case 2: case 7: return "370702";
        default: return "";
      }
    }
    Result<std::vector<std::int64_t>> users_with_role(const std::string& role,
                                                      std::optional<std::int64_t> org) const override {
      if (role == "provider" && org == 7) return std::vector<std::int64_t>{11, 12};
      if (role == "provider" && org == 8) return std::vector<std::int64_t>{31};
      if (role == "user" && org == 9) return std::vector<std::int64_t>{41};
      return std::vector<std::int64_t>{};
    }
    Result<std::vector<std::int64_t>> authorities_over(const std::string& region) const override {
      std::vector<std::int64_t> out;
      if (region_covers("370700", region)) out.push_back(21);
      if (region_covers("370702", region)) out.push_back(22);
      return out;
    }
  };
  static std::vector<StageDef> stages() {
    return {{"submit", "提交", "provider", 0, {}},
            {"normative_review", "规范性审核", "authority", 5, {"approve", "reject", "escalate"}},
            {"final_review", "终审", "authority", 3, {}}};
  }
  NewCase publication() {
    NewCase nc;
    nc.type = "publication";
    nc.title = "发布审核：公交线路";
    nc.subject_code = "E-1";
    nc.owner_org_id = 7;
    nc.stages = stages();
    nc.payload = {{"version_id", 3}};
    return nc;
  }
  std::size_t count(std::int64_t user, const std::string& kind) {
    auto inbox = notifier_->inbox(user, false);
    EXPECT_TRUE(inbox);
    std::size_t n = 0;
    for (const auto& x : *inbox) n += x.kind == kind;
    return n;
  }

  std::string path_ = ::testing::TempDir() + "kf-workflow-" + std::to_string(::getpid()) + ".db";
  core::ManualClock clock_{kMonday9};
  WeekDays days_;
  TestDirectory directory_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<notify::Notifier> notifier_;
  std::unique_ptr<Engine> engine_;
  Actor provider_{11, "transport", {"provider"}, {7}};
  Actor other_provider_{31, "market", {"provider"}, {8}};
  Actor authority_{21, "bureau", {"authority"}, {1}};
  Actor county_bureau_{22, "county", {"authority"}, {2}};
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
  Engine second(*pool_, clock_, days_, directory_, *notifier_, 2);
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
  auto inbox = notifier_->inbox(21, true);
  ASSERT_FALSE(inbox->empty());
  ASSERT_TRUE(notifier_->mark_read(21, inbox->front().id));
  EXPECT_EQ(notifier_->inbox(21, true)->size(), inbox->size() - 1);
  EXPECT_FALSE(notifier_->mark_read(11, inbox->front().id)) << "someone else's message";
}


TEST_F(EngineTest, PartiesDecideWhoSeesAndActs) {
  auto c = engine_->submit(provider_, publication(), "");
  ASSERT_TRUE(c) << c.error().message;
  ASSERT_NE(c->party("provider"), nullptr);
  EXPECT_EQ(c->party("provider")->org_id, 7);
  EXPECT_EQ(c->party("provider")->region, "370702");
  ASSERT_NE(c->party("authority"), nullptr);
  EXPECT_EQ(c->party("authority")->region, "370702") << "own level: the county's bureau and those above it";
  EXPECT_TRUE(engine_->get_visible(provider_, c->id));
  EXPECT_EQ(engine_->get_visible(other_provider_, c->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(engine_->get_visible(Actor{41, "citizen", {"user"}, {}}, c->id).error().code, ErrorCode::not_found);
  // The county bureau and the city bureau above it both have jurisdiction over a county case.
  EXPECT_TRUE(engine_->may_act(county_bureau_, *c));
  EXPECT_TRUE(engine_->may_act(authority_, *c));
  auto allowed = engine_->allowed(authority_, *c);
  std::vector<std::string> codes;
  for (const auto& a : allowed) codes.push_back(a.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"approve", "reject", "escalate"}));
  EXPECT_TRUE(engine_->allowed(provider_, *c).empty()) << "the submitter waits for the review";
}

TEST_F(EngineTest, CountyBureauCannotActOnCityCases) {
  auto nc = publication();
  nc.owner_org_id = 8;  // a city department
  auto c = engine_->submit(other_provider_, nc, "");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->party("authority")->region, "370700");
  EXPECT_FALSE(engine_->may_act(county_bureau_, *c));
  EXPECT_EQ(engine_->get_visible(county_bureau_, c->id).error().code, ErrorCode::not_found);
  EXPECT_EQ(engine_->act(county_bureau_, c->id, "approve", "").error().code, ErrorCode::permission_denied);
  EXPECT_EQ(count(22, "assigned"), 0u) << "only the city bureau is told";
  EXPECT_EQ(count(21, "assigned"), 1u);
  EXPECT_TRUE(engine_->act(authority_, c->id, "approve", ""));
}

TEST_F(EngineTest, CityLevelReviewSendsCountyCasesToTheCity) {
  auto nc = publication();
  nc.review_level = "city";  // Shandong art. 8, 15: 市级以上
  auto c = engine_->submit(provider_, nc, "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->party("authority")->region, "370700");
  EXPECT_FALSE(engine_->may_act(county_bureau_, *c));
  EXPECT_TRUE(engine_->may_act(authority_, *c));
}

TEST_F(EngineTest, NamedOutcomesLeadToTheirStageOrEndState) {
  auto nc = publication();
  nc.type = "demand";
  nc.stages = {{"submit", "提交", "applicant", 0, {}},
               {"assessment", "论证并反馈", "authority", 15, {"already_open", "will_open", "cannot_open"}},
               {"open", "开放数据", "authority", 20, {"approve"}}};
  nc.stages[1].outcomes = {{"already_open", "closed"}, {"will_open", "open"}, {"cannot_open", "rejected"}};
  nc.stages[1].outcome_labels = {{"already_open", "已开放"}};
  nc.owner_org_id = 9;
  Actor applicant{41, "citizen", {"user"}, {9}};
  auto a = engine_->submit(applicant, nc, "需要公交数据");
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(engine_->act(authority_, a->id, "approve", "").error().code, ErrorCode::conflict) << "not listed";
  EXPECT_EQ(engine_->act(authority_, a->id, "cannot_open", "").error().field, "comment") << "a refusal states reasons";
  auto w = engine_->act(authority_, a->id, "will_open", "可以开放");
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->stage().key, "open");
  EXPECT_EQ(w->due_date, "2026-12-21");  // 20 working days after Monday 23rd

  auto b = engine_->submit(applicant, nc, "需要公交数据");
  auto closed = engine_->act(authority_, b->id, "already_open", "见目录 JT-001");
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->state, "closed");
  EXPECT_EQ(count(41, "closed"), 1u) << "the applicant hears the answer";
  auto h = engine_->history(b->id);
  EXPECT_EQ(event_to_json(h->back(), &*closed).at("action_label"), "已开放");
}

TEST_F(EngineTest, RoundsCycleAndProcedureDeadlines) {
  EXPECT_EQ(round_due("2026-07-02", {"03-30", "06-30", "09-30", "12-30"}), "2026-09-30");
  EXPECT_EQ(round_due("2026-06-30", {"03-30", "06-30", "09-30", "12-30"}), "2026-06-30");
  EXPECT_EQ(round_due("2026-12-31", {"12-30", "03-30", "06-30", "09-30"}), "2027-03-30");
  auto nc = publication();
  nc.stages[1].rounds = {"03-30", "06-30", "09-30", "12-30"};
  clock_.set(kMonday9 - 144 * kDay);  // Thursday 2026-07-02
  auto c = engine_->submit(provider_, nc, "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->due_date, "2026-09-30");

  auto cyc = publication();
  cyc.subject_code = "E-2";
  cyc.stages[1].deadline_wd = 0;
  cyc.stages[1].deadline_cycles = 2;
  cyc.cycle_days = 31;  // a monthly entry
  auto d = engine_->submit(provider_, cyc, "");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->due_date, "2026-09-02");  // two monthly cycles (2 × 31 days) after 2026-07-02

  auto capped = publication();
  capped.subject_code = "E-3";
  capped.procedure_deadline_wd = 3;
  clock_.set(kMonday9);
  auto e = engine_->submit(provider_, capped, "");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->final_due_date, "2026-11-26");
  EXPECT_EQ(e->due_date, "2026-11-26") << "the stage's 5 days are capped by the procedure's 3";
}

TEST_F(EngineTest, CorrectionStopsTheClock) {
  auto nc = publication();
  nc.stages[1].actions.push_back("request_correction");
  auto c = engine_->submit(provider_, nc, "");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->due_date, "2026-11-30");
  EXPECT_EQ(engine_->act(authority_, c->id, "request_correction", "").error().field, "comment");
  auto w = engine_->act(authority_, c->id, "request_correction", "请补充数据字典说明");
  ASSERT_TRUE(w) << w.error().message;
  EXPECT_EQ(w->state, "waiting");
  EXPECT_EQ(count(11, "correction"), 1u);
  EXPECT_EQ(engine_->act(authority_, c->id, "approve", "").error().code, ErrorCode::conflict);
  EXPECT_EQ(engine_->act(authority_, c->id, "correct", "").error().code, ErrorCode::permission_denied);
  clock_.advance(milliseconds(7 * kDay));  // Monday 30th: the due date passed while waiting
  EXPECT_EQ(engine_->tick()->overdue, 0) << "no timer runs while the clock is stopped";
  EXPECT_EQ(engine_->days_left(*engine_->get(c->id)), 5);
  auto back = engine_->act(provider_, c->id, "correct", "已补充");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->state, "open");
  EXPECT_EQ(back->stage().key, "normative_review");
  EXPECT_EQ(back->due_date, "2026-12-07") << "moved by the 5 working days the case waited";
}

// A flow that writes its own row in the engine's transaction; the test hook then fails.
class CountingFlow final : public Flow {
 public:
  std::string type() const override { return "publication"; }
  Result<void> apply(db::Tx& tx, const Actor&, const Case& c, const Transition& t) override {
    if (t.end_state != "approved") return kf::ok();
    KF_TRY(tx->query("INSERT INTO published_marks (case_id) VALUES (?)", {c.id}));
    return kf::ok();
  }
};

TEST_F(EngineTest, FailingHookLeavesNothingHalfDone) {
  {
    auto conn = pool_->acquire();
    ASSERT_TRUE((*conn)->query("CREATE TABLE published_marks (case_id BIGINT NOT NULL)"));
  }
  engine_->register_flow(std::make_shared<CountingFlow>());
  bool fail = true;
  engine_->add_hook("publication", [&](db::Tx&, const Actor&, const Case&, const Transition& t) -> Result<void> {
    if (fail && t.end_state == "approved") return Error::unavailable("审计日志暂不可用");
    return kf::ok();
  });
  auto c = engine_->submit(provider_, publication(), "");
  ASSERT_TRUE(engine_->act(authority_, c->id, "approve", ""));
  auto refused = engine_->act(authority_, c->id, "approve", "终审通过");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  auto now = engine_->get(c->id);
  EXPECT_EQ(now->state, "open");
  EXPECT_EQ(now->stage().key, "final_review");
  EXPECT_EQ(engine_->history(c->id)->size(), 2u) << "the refused action left no event";
  EXPECT_EQ(count(11, "approved"), 0u) << "nor a message";
  auto conn = pool_->acquire();
  EXPECT_EQ((*conn)->query("SELECT COUNT(*) FROM published_marks")->rows.at(0).int64(0), 0);
  fail = false;
  ASSERT_TRUE(engine_->act(authority_, c->id, "approve", "终审通过"));
  EXPECT_EQ((*conn)->query("SELECT COUNT(*) FROM published_marks")->rows.at(0).int64(0), 1);
}

// A flow that counts its preparations and undoes; apply() writes a row in the transaction.
class DecidedFlow final : public Flow {
 public:
  std::string type() const override { return "routine"; }
  Result<void> prepare(const Actor&, const Case&, const Transition& t) override {
    ++prepared;
    EXPECT_EQ(t.action, "submit");
    EXPECT_EQ(t.end_state, "approved");
    if (refuse_prepare) return Error::conflict("情况已变化");
    return kf::ok();
  }
  Result<void> apply(db::Tx& tx, const Actor&, const Case& c, const Transition& t) override {
    if (t.end_state != "approved") return kf::ok();
    KF_TRY(tx->query("INSERT INTO published_marks (case_id) VALUES (?)", {c.id}));
    return kf::ok();
  }
  void undo_prepare(const Actor&, const Case&, const Transition&) override { ++undone; }
  int prepared = 0, undone = 0;
  bool refuse_prepare = false;
};

TEST_F(EngineTest, ACaseWithOnlyTheSubmittersStageIsDecidedAtSubmissionInOneTransaction) {
  {
    auto conn = pool_->acquire();
    ASSERT_TRUE((*conn)->query("CREATE TABLE published_marks (case_id BIGINT NOT NULL)"));
  }
  auto flow = std::make_shared<DecidedFlow>();
  engine_->register_flow(flow);
  bool fail = false;
  engine_->add_hook("routine", [&](db::Tx&, const Actor&, const Case&, const Transition& t) -> Result<void> {
    if (fail && t.end_state == "approved") return Error::unavailable("审计日志暂不可用");
    return kf::ok();
  });
  auto routine = [&] {
    NewCase nc = publication();
    nc.type = "routine";
    nc.title = "直接发布更新：公交线路";
    nc.stages.resize(1);
    return nc;
  };
  auto conn = pool_->acquire();
  auto marks = [&] { return (*conn)->query("SELECT COUNT(*) FROM published_marks")->rows.at(0).int64(0); };

  // A hook fails: no case, no mark, and the preparation is undone.
  fail = true;
  auto refused = engine_->submit(provider_, routine(), "按更新周期更新");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::unavailable);
  EXPECT_EQ(flow->prepared, 1);
  EXPECT_EQ(flow->undone, 1);
  EXPECT_EQ(marks(), 0);
  EXPECT_TRUE(engine_->list(authority_, {})->empty());
  // prepare() refuses: nothing is written.
  fail = false;
  flow->refuse_prepare = true;
  EXPECT_EQ(engine_->submit(provider_, routine(), "").error().code, ErrorCode::conflict);
  EXPECT_EQ(marks(), 0);
  flow->refuse_prepare = false;

  auto c = engine_->submit(provider_, routine(), "按更新周期更新");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->state, "approved");
  EXPECT_TRUE(c->closed());
  EXPECT_FALSE(c->due_date);
  EXPECT_EQ(marks(), 1);
  auto stored = engine_->get(c->id);
  EXPECT_EQ(stored->state, "approved");
  auto history = engine_->history(c->id);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(history->at(0).action, "submit");
  EXPECT_EQ(history->at(0).comment, "按更新周期更新");
  EXPECT_EQ(count(21, "assigned"), 0u) << "nobody is given a task";
  EXPECT_TRUE(engine_->visible(authority_, *stored)) << "the authority of the provider's region sees it";
  EXPECT_TRUE(engine_->allowed(provider_, *stored).empty());
  // Inside a caller's transaction such a case is refused (its preparation needs none).
  auto in_tx = db::with_tx(**conn, [&](db::Tx& tx) -> Result<void> {
    KF_TRY(engine_->submit(tx, provider_, routine(), ""));
    return kf::ok();
  });
  EXPECT_FALSE(in_tx);
}

}  // namespace
}  // namespace kf::workflow
