// Migration 402 on SQLite with data in the inbox: the notifications survive the rebuild of their
// table (order, read state, case), the engine keeps working on it, and a notification without a
// case (a subscribed dataset's new version) can be stored. (The HTTP suite runs the rest on both
// databases.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "workflow/workflow.h"

namespace kf::workflow {
namespace {

class NoHolidays final : public WorkingDays {
 public:
  std::string add(const std::string& date, int) const override { return date; }
  int between(const std::string&, const std::string&) const override { return 0; }
};

std::vector<db::Migration> before_402() {
  std::vector<db::Migration> out;
  for (auto& m : migrations()) {
    if (m.version < 402) out.push_back(m);
  }
  return out;
}

TEST(WorkflowMigration, InboxSurvivesAndTakesMessagesWithoutACase) {
  const std::string path = "/tmp/kf-workflow-402-" + std::to_string(::getpid()) + ".db";
  {
    db::Pool pool("sqlite:" + path, 2);
    core::ManualClock clock(1795395600000LL);
    NoHolidays days;
    // Nobody is told while the case is filed on the old schema: its inbox rows are written below
    // with the columns of 400–401, as the engine of that time wrote them.
    bool notify = false;
    Engine engine(
        pool, clock, days,
        [&notify](const std::string&, std::optional<std::int64_t>) -> Result<std::vector<std::int64_t>> {
          return notify ? std::vector<std::int64_t>{21, 22} : std::vector<std::int64_t>{};
        },
        2);
    {
      auto c = pool.acquire();
      ASSERT_TRUE(c);
      auto before = before_402();
      ASSERT_TRUE(db::migrate(**c, before));
    }
    Actor provider{11, "p", {"provider"}, {7}};
    NewCase nc{"publication", "发布审核：公交线路", "BUS-1", 7,
               {{"submit", "提交", "provider", 0, {}}, {"review", "审核", "authority", 5, {"approve", "reject"}}},
               {}};
    auto submitted = engine.submit(provider, nc, "请审核");
    ASSERT_TRUE(submitted) << submitted.error().detail;
    {
      auto c = pool.acquire();
      ASSERT_TRUE(c);
      for (std::int64_t user : {21, 22}) {
        ASSERT_TRUE((*c)->query("INSERT INTO notifications (user_id, case_id, kind, title, body, created_at, read_at) "
                                "VALUES (?, ?, 'assigned', '待办', '请审核', 1, ?)",
                                {user, submitted->id, user == 21 ? db::Value(std::int64_t{2}) : db::null()}));
      }
    }
    notify = true;

    {
      auto c = pool.acquire();
      ASSERT_TRUE(c);
      auto applied = db::migrate(**c, migrations());
      ASSERT_TRUE(applied) << applied.error().detail;
      EXPECT_EQ(*applied, 1);
    }
    auto after21 = engine.inbox(21, false);
    ASSERT_TRUE(after21);
    ASSERT_EQ(after21->size(), 1u);
    EXPECT_EQ(after21->front().case_id, submitted->id);
    EXPECT_EQ(after21->front().kind, "assigned");
    EXPECT_EQ(after21->front().subject_code, "BUS-1");  // filled in from the case
    EXPECT_TRUE(after21->front().read_at.has_value());
    auto after22 = engine.inbox(22, true);
    ASSERT_TRUE(after22);
    ASSERT_EQ(after22->size(), 1u);

    // A message without a case; a case that does not exist is still refused.
    auto c = pool.acquire();
    ASSERT_TRUE(c);
    EXPECT_TRUE((*c)->query("INSERT INTO notifications (user_id, case_id, kind, title, body, created_at) "
                            "VALUES (22, NULL, 'dataset_updated', 't', 'b', 1)"));
    auto bad = (*c)->query("INSERT INTO notifications (user_id, case_id, kind, title, body, created_at) "
                           "VALUES (22, 999, 'assigned', 't', 'b', 1)");
    EXPECT_FALSE(bad);
    auto unread22 = engine.inbox(22, true);
    ASSERT_TRUE(unread22);
    ASSERT_EQ(unread22->size(), 2u);
    EXPECT_EQ(unread22->front().kind, "dataset_updated");  // newest first
    EXPECT_EQ(unread22->front().case_id, 0);
    EXPECT_GT(unread22->front().id, after22->front().id);
  }
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

}  // namespace
}  // namespace kf::workflow
