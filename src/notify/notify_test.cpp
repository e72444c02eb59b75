// The notifier on SQLite: messages written in the caller's transaction exist only when it
// commits; text messages go out once, only for messages that ask someone to act.
#include "notify/notify.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "notify/sms.h"

namespace kf::notify {
namespace {

class RecordingSms final : public SmsSender {
 public:
  Result<void> send(const std::string& phone, const std::string& text) override {
    sent.emplace_back(phone, text);
    return kf::ok();
  }
  std::vector<std::pair<std::string, std::string>> sent;
};

class NotifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = std::make_unique<db::Pool>("sqlite:" + path_, 2);
    auto c = pool_->acquire();
    ASSERT_TRUE(c);
    // The table as workflow's migrations 400–402 left it, then this module's.
    ASSERT_TRUE((*c)->query("CREATE TABLE notifications (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id BIGINT NOT NULL, "
                            "case_id BIGINT, subject_code TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL, "
                            "title TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL, read_at BIGINT, "
                            "mailed_at BIGINT)"));
    auto ms = migrations();
    ASSERT_TRUE(db::migrate(**c, ms));
  }
  void TearDown() override {
    pool_.reset();
    std::remove(path_.c_str());
    std::remove((path_ + "-wal").c_str());
    std::remove((path_ + "-shm").c_str());
  }
  std::string path_ = ::testing::TempDir() + "kf-notify-" + std::to_string(::getpid()) + ".db";
  core::ManualClock clock_{1795395600000LL};
  std::unique_ptr<db::Pool> pool_;
};

TEST_F(NotifierTest, MessagesCommitWithTheirTransaction) {
  Notifier n(*pool_, clock_);
  auto c = pool_->acquire();
  auto failed = db::with_tx(**c, [&](db::Tx& tx) -> Result<void> {
    KF_TRY(n.send(tx, {7, 7, 8}, Message{std::nullopt, "E-1", "assigned", "待办", "请审核"}));
    return Error::conflict("the caller's work failed");
  });
  EXPECT_FALSE(failed);
  EXPECT_TRUE(n.inbox(7, false)->empty());
  ASSERT_TRUE(db::with_tx(**c, [&](db::Tx& tx) {
    return n.send(tx, {7, 7, 8}, Message{std::nullopt, "E-1", "assigned", "待办", "请审核"});
  }));
  EXPECT_EQ(n.inbox(7, false)->size(), 1u) << "one message per user";
  EXPECT_EQ(n.inbox(8, true)->size(), 1u);
}

TEST_F(NotifierTest, TextsOnlyCallsToActAndEachOnce) {
  Notifier n(*pool_, clock_);
  auto sms = std::make_shared<RecordingSms>();
  n.set_sms(sms, [](std::int64_t user) -> std::optional<std::string> {
    if (user == 7) return std::string("13800000000");
    return std::nullopt;
  });
  ASSERT_TRUE(n.send({7}, Message{std::nullopt, "E-1", "assigned", "待办：发布审核", "请审核"}));
  ASSERT_TRUE(n.send({7}, Message{std::nullopt, "E-1", "dataset_updated", "数据集更新", "新版本"}));
  ASSERT_TRUE(n.send({8}, Message{std::nullopt, "E-1", "overdue", "已逾期", "…"}));
  ASSERT_TRUE(n.deliver());
  ASSERT_TRUE(n.deliver());
  ASSERT_EQ(sms->sent.size(), 1u);
  EXPECT_EQ(sms->sent[0].first, "13800000000");
  EXPECT_NE(sms->sent[0].second.find("待办：发布审核"), std::string::npos);
}

TEST_F(NotifierTest, MessagesCarryTheDeploymentsNameAndContact) {
  Notifier n(*pool_, clock_);
  auto sms = std::make_shared<RecordingSms>();
  n.set_sms(sms, [](std::int64_t) -> std::optional<std::string> { return std::string("13800000000"); });
  // The neutral platform's sign-off until the deployment's brand is set.
  EXPECT_NE(n.mail_body("请审核").find("—— 公共数据开放平台\n请登录平台查看和办理。\n"), std::string::npos);
  n.set_signature({"潍坊市公共数据开放平台", "潍坊数据开放", "https://data.weifang.example", "潍坊市大数据局 0536-0000000"});
  EXPECT_EQ(n.mail_body("请审核"),
            "请审核\n\n—— 潍坊市公共数据开放平台\n请登录平台查看和办理：https://data.weifang.example\n"
            "咨询：潍坊市大数据局 0536-0000000\n");
  ASSERT_TRUE(n.send({7}, Message{std::nullopt, "E-1", "assigned", "待办：发布审核", "请审核"}));
  ASSERT_TRUE(n.deliver());
  ASSERT_EQ(sms->sent.size(), 1u);
  EXPECT_TRUE(sms->sent[0].second.starts_with("【潍坊数据开放】待办：发布审核")) << sms->sent[0].second;
}

}  // namespace
}  // namespace kf::notify
