// Migrations 402 and 403 on SQLite with data in the inbox: the notifications survive the rebuild
// of their table (order, read state, case), the notifier keeps working on it, a notification
// without a case (a subscribed dataset's new version) can be stored, and a case filed before
// parties existed gets its parties. (The HTTP suite runs the rest on both
// databases.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>

#include "workflow/workflow.h"

namespace kf::workflow {
namespace {

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
    notify::Notifier notifier(pool, clock);
    std::int64_t case_id = 0;
    {
      auto c = pool.acquire();
      ASSERT_TRUE(c);
      auto before = before_402();
      ASSERT_TRUE(db::migrate(**c, before));
      // A case and its inbox rows as the engine of migrations 400–401 wrote them.
      auto rs = (*c)->query(
          "INSERT INTO workflow_cases (type, title, subject_code, owner_org_id, state, stage_index, stages, "
          "assignee_role, assignee_org_id, due_date, stage_started_at, round, created_by, created_by_name, created_at, "
          "updated_at, payload) VALUES ('publication', '发布审核：公交线路', 'BUS-1', 7, 'open', 1, "
          "'[{\"key\":\"submit\",\"label\":\"提交\",\"assignee\":\"provider\",\"deadline_wd\":0,\"actions\":[]},"
          "{\"key\":\"review\",\"label\":\"审核\",\"assignee\":\"authority\",\"deadline_wd\":5,\"actions\":[\"approve\"]}]', "
          "'authority', NULL, '2026-11-30', 1, 1, 11, 'p', 1, 1, '{}') RETURNING id");
      ASSERT_TRUE(rs) << rs.error().detail;
      case_id = rs->rows.at(0).int64(0);
      for (std::int64_t user : {21, 22}) {
        ASSERT_TRUE((*c)->query("INSERT INTO notifications (user_id, case_id, kind, title, body, created_at, read_at) "
                                "VALUES (?, ?, 'assigned', '待办', '请审核', 1, ?)",
                                {user, case_id, user == 21 ? db::Value(std::int64_t{2}) : db::null()}));
      }
    }
    {
      auto c = pool.acquire();
      ASSERT_TRUE(c);
      auto applied = db::migrate(**c, migrations());
      ASSERT_TRUE(applied) << applied.error().detail;
      EXPECT_EQ(*applied, 2);  // 402 and 403
      // 403 gives the old case its parties: the organisation it concerns and every authority.
      auto parties = (*c)->query("SELECT role, org_id, region FROM workflow_parties WHERE case_id = ? ORDER BY id",
                                 {case_id});
      ASSERT_TRUE(parties);
      ASSERT_EQ(parties->rows.size(), 2u);
      EXPECT_EQ(parties->rows[0].text(0), "provider");
      EXPECT_EQ(parties->rows[0].int64(1), 7);
      EXPECT_EQ(parties->rows[1].text(0), "authority");
      EXPECT_EQ(parties->rows[1].text(2), "");
    }
    auto after21 = notifier.inbox(21, false);
    ASSERT_TRUE(after21);
    ASSERT_EQ(after21->size(), 1u);
    EXPECT_EQ(after21->front().case_id, case_id);
    EXPECT_EQ(after21->front().kind, "assigned");
    EXPECT_EQ(after21->front().subject_code, "BUS-1");  // filled in from the case
    EXPECT_TRUE(after21->front().read_at.has_value());
    auto after22 = notifier.inbox(22, true);
    ASSERT_TRUE(after22);
    ASSERT_EQ(after22->size(), 1u);

    // A message without a case; a case that does not exist is still refused.
    auto c = pool.acquire();
    ASSERT_TRUE(c);
    ASSERT_TRUE(notifier.send({22}, notify::Message{std::nullopt, "BUS-1", "dataset_updated", "t", "b"}));
    auto bad = (*c)->query("INSERT INTO notifications (user_id, case_id, kind, title, body, created_at) "
                           "VALUES (22, 999, 'assigned', 't', 'b', 1)");
    EXPECT_FALSE(bad);
    auto unread22 = notifier.inbox(22, true);
    ASSERT_TRUE(unread22);
    ASSERT_EQ(unread22->size(), 2u);
    EXPECT_EQ(unread22->front().kind, "dataset_updated");  // newest first
    EXPECT_FALSE(unread22->front().case_id.has_value());
    EXPECT_GT(unread22->front().id, after22->front().id);
  }
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  std::remove((path + "-shm").c_str());
}

}  // namespace
}  // namespace kf::workflow
