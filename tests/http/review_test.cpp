// Publication review on the workflow engine (issue 6), once per shipped policy profile, with the
// manual clock on the real national calendar: submit (completeness check) → reject with reasons
// → the provider sees them and resubmits → approve → published and found by search; a case
// left untouched is reminded exactly once, becomes overdue and is escalated to the authority.
// Also catalog change requests (CAT-3) and the consistency report (PUB-5).
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;

constexpr std::int64_t kSept28Morning = 1790557200000LL;  // 2026-09-28 09:00 China time, a Monday
constexpr std::int64_t kDay = 24LL * 3600 * 1000;

struct Scenario {
  std::string backend;
  std::string profile;
};

std::string name_of(const ::testing::TestParamInfo<Scenario>& info) {
  return info.param.profile + "_" + info.param.backend;
}

class ReviewScenario : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    if (GetParam().backend == "postgres" && pg_url_or_empty().empty()) GTEST_SKIP() << "KF_TEST_PG_URL not set";
  }
};

struct World {
  explicit World(TestServer& s)
      : server(s), w(s), provider(w.login("transport")), authority(authority_of(s, w)), admin(w.login("admin")) {}
  static Client authority_of(TestServer& s, CatalogWorld& cw) {
    s.make_user("bureau", "authority");
    return cw.login("bureau");
  }
  // An unconditional entry with data, ready to submit: returns its version id.
  std::int64_t entry_with_data(const std::string& code, const std::string& name) {
    auto e = CatalogWorld::entry(code, name, {CatalogWorld::field("线路", "text", true), CatalogWorld::field("站数", "integer")});
    auto r = provider.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
    auto job = w.upload(provider, code, "lines.csv", "线路,站数\nK1,12\nK2,30\n");
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    return job.at("version_id").as_int64();
  }
  std::string working_day(const std::string& from, int n) {
    auto r = admin.get("/api/v1/calendar/working-days?from=" + from + "&n=" + std::to_string(n));
    if (r.status != 200) throw std::runtime_error(r.body);
    return std::string(r.json().at("date").as_string());
  }
  json::object get_case(Client& c, std::int64_t id) { return c.get("/api/v1/cases/" + std::to_string(id)).json().as_object(); }
  Reply act(Client& c, std::int64_t id, const std::string& action, const std::string& comment = "") {
    return c.post("/api/v1/cases/" + std::to_string(id) + "/actions", {{"action", action}, {"comment", comment}});
  }
  std::size_t inbox_count(Client& c, const std::string& kind) {
    auto items = c.get("/api/v1/me/inbox").json().at("items").as_array();
    return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [&](const json::value& n) {
      return n.at("kind") == kind.c_str();
    }));
  }

  TestServer& server;
  CatalogWorld w;
  Client provider, authority, admin;
};

TEST_P(ReviewScenario, PublicationFlowOnTheRealCalendar) {
  // Sessions outlive the days the clock is moved forward.
  TestServer s(GetParam().backend, "security.session_idle_minutes = 525600\nsecurity.session_ttl_minutes = 525600\n"
                                   "policy.profile = \"" + GetParam().profile + "\"\n");
  s.clock().set(kSept28Morning);
  World x(s);
  const std::int64_t v1 = x.entry_with_data("RV-1", "公交线路审核样例");

  // The completeness check comes first: no version chosen, or an incomplete dictionary.
  auto incomplete = x.provider.post("/api/v1/entries/RV-1/submit", json::object{});
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_EQ(x.authority.post("/api/v1/entries/RV-1/submit", {{"version_id", v1}}).status, 403);

  auto submitted = x.provider.post("/api/v1/entries/RV-1/submit", {{"version_id", v1}, {"comment", "请审核"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  auto c = submitted.json().as_object();
  const std::int64_t id = c.at("id").as_int64();
  const int deadline = static_cast<int>(c.at("stage").at("deadline_wd").as_int64());
  ASSERT_GT(deadline, 0) << "every review stage has a due date";
  // Due dates count working days on the national calendar: from 28 September they skip the
  // National Day week (1–7 October 2026).
  const std::string due = x.working_day("2026-09-28", deadline);
  EXPECT_EQ(c.at("due_date"), due.c_str());
  EXPECT_GT(due, std::string("2026-10-07"));
  EXPECT_EQ(c.at("working_days_left"), deadline);
  EXPECT_EQ(x.provider.post("/api/v1/entries/RV-1/submit", {{"version_id", v1}}).status, 409) << "one open case";

  // Stages of the provider's own (e.g. Yanzhou's secrecy review) come before the authority's.
  for (int guard = 0; c.at("assignee_role") == "provider" && guard < 5; ++guard) {
    auto r = x.act(x.provider, id, "approve", "本单位审查通过");
    ASSERT_EQ(r.status, 200) << r.body;
    c = r.json().as_object();
  }
  // The authority sees it in its queue with the consistency report, and rejects with reasons.
  auto queue = x.authority.get("/api/v1/cases?assigned=1").json().at("items").as_array();
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(x.provider.get("/api/v1/cases?assigned=1").json().at("items").as_array().size(), 0u);
  auto detail = x.get_case(x.authority, id);
  EXPECT_EQ(detail.at("may_act"), true);
  EXPECT_EQ(detail.at("consistency").at("consistent"), true) << json::serialize(detail.at("consistency"));
  EXPECT_EQ(detail.at("consistency").at("row_count"), 2);
  EXPECT_EQ(x.act(x.provider, id, "approve").status, 403);
  EXPECT_EQ(x.act(x.authority, id, "reject").status, 400) << "reasons are required";
  s.clock().advance(std::chrono::milliseconds(kDay));
  auto rejected = x.act(x.authority, id, "reject", "摘要未说明数据来源");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json().at("state"), "returned");

  // The provider sees the reasons, in the case and in the inbox, and resubmits.
  auto returned = x.get_case(x.provider, id);
  auto history = returned.at("history").as_array();
  ASSERT_GE(history.size(), 2u);
  EXPECT_EQ(history.back().at("comment"), "摘要未说明数据来源");
  EXPECT_EQ(x.inbox_count(x.provider, "returned"), 1u);
  auto again = x.act(x.provider, id, "resubmit", "已补充数据来源");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json().at("round"), 2);
  EXPECT_EQ(again.json().at("due_date"), x.working_day("2026-09-29", deadline).c_str());

  // Approve every remaining stage: the entry is published and found by anonymous search.
  EXPECT_EQ(s.client().get("/api/v1/catalog?q=%E5%AE%A1%E6%A0%B8%E6%A0%B7%E4%BE%8B").json().at("total"), 0);
  json::object now = again.json().as_object();
  for (int guard = 0; now.at("state") == "open" && guard < 10; ++guard) {
    Client& who = now.at("assignee_role") == "provider" ? x.provider : x.authority;
    auto r = x.act(who, id, "approve", "同意");
    ASSERT_EQ(r.status, 200) << r.body;
    now = r.json().as_object();
  }
  EXPECT_EQ(now.at("state"), "approved");
  EXPECT_EQ(x.provider.get("/api/v1/entries/RV-1").json().at("state"), "published");
  auto found = s.client().get("/api/v1/catalog?q=%E5%AE%A1%E6%A0%B8%E6%A0%B7%E4%BE%8B");  // 审核样例
  EXPECT_EQ(found.json().at("total"), 1) << found.body;
  EXPECT_EQ(x.inbox_count(x.provider, "approved"), 1u);
  // Every round is kept.
  auto all = x.get_case(x.authority, id).at("history").as_array();
  EXPECT_EQ(all.front().at("action"), "submit");
  EXPECT_EQ(all.back().at("action"), "approve");

  // A second case is left alone: one reminder at the lead time, then overdue and escalated.
  const std::int64_t v2 = x.entry_with_data("RV-2", "无人处理的目录");
  auto second = x.provider.post("/api/v1/entries/RV-2/submit", {{"version_id", v2}});
  ASSERT_EQ(second.status, 201) << second.body;
  const std::int64_t id2 = second.json().at("id").as_int64();
  const std::string due2 = std::string(second.json().at("due_date").as_string());
  Client& assignee2 = second.json().at("assignee_role") == "provider" ? x.provider : x.authority;
  const std::string remind_on = x.working_day(due2, -2);  // the profiles' reminder lead is 2 working days
  auto tick = [&] { return x.admin.post("/api/v1/workflow/tick", json::object{}).json(); };
  EXPECT_EQ(tick().at("reminders"), 0);
  auto morning_of = [&](const std::string& date) {
    // 09:00 China time (01:00 UTC) of `date`.
    int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
    std::chrono::sys_days sd{std::chrono::year{y} / std::chrono::month{static_cast<unsigned>(m)} / std::chrono::day{static_cast<unsigned>(d)}};
    return std::chrono::duration_cast<std::chrono::milliseconds>(sd.time_since_epoch()).count() + 3600 * 1000LL;
  };
  s.clock().set(morning_of(remind_on));
  EXPECT_EQ(tick().at("reminders"), 1);
  EXPECT_EQ(tick().at("reminders"), 0) << "each reminder once";
  EXPECT_EQ(x.inbox_count(assignee2, "reminder"), 1u);
  s.clock().set(morning_of(due2) + kDay);
  auto late = tick();
  EXPECT_EQ(late.at("overdue"), 1);
  EXPECT_EQ(late.at("escalated"), 1);
  EXPECT_EQ(tick().at("overdue"), 0);
  auto overdue = x.get_case(x.authority, id2);
  EXPECT_EQ(overdue.at("overdue"), true);
  EXPECT_LT(overdue.at("working_days_left").as_int64(), 1);
  EXPECT_EQ(x.inbox_count(x.authority, "escalated"), 1u);
  EXPECT_EQ(x.inbox_count(assignee2, "overdue"), 1u);
  EXPECT_EQ(x.inbox_count(assignee2, "reminder"), 1u);
  // Overdue cases come first in the queue.
  auto first = x.authority.get("/api/v1/cases?open=1").json().at("items").as_array();
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.front().at("id"), id2);
}

std::vector<Scenario> scenarios() {
  std::vector<Scenario> out;
  for (const char* b : {"sqlite", "postgres"}) {
    for (const char* p : {"shandong", "weifang", "lishui", "hangzhou", "yanzhou"}) out.push_back({b, p});
  }
  return out;
}
INSTANTIATE_TEST_SUITE_P(Profiles, ReviewScenario, ::testing::ValuesIn(scenarios()), name_of);

using ReviewTest = BackendTest;

TEST_P(ReviewTest, ZhejiangReviewsRunWhenTheCaseCallsForThem) {
  TestServer s(GetParam(), "[policy]\nprofile = \"lishui\"\n");
  World x(s);
  const std::int64_t v = x.entry_with_data("ZJ-1", "浙江审查样例");
  auto bad = x.provider.post("/api/v1/entries/ZJ-1/submit", {{"version_id", v}, {"extra_reviews", {"no_such_review"}}});
  EXPECT_EQ(bad.status, 400);
  auto r = x.provider.post("/api/v1/entries/ZJ-1/submit",
                           {{"version_id", v}, {"extra_reviews", {"legality_review", "expert_review", "privacy_review"}}});
  ASSERT_EQ(r.status, 201) << r.body;
  std::vector<std::string> keys;
  const json::value body = r.json();
  for (const auto& st : body.at("stages").as_array()) keys.emplace_back(st.at("key").as_string());
  EXPECT_EQ(keys, (std::vector<std::string>{"submit", "privacy_review", "legality_review", "expert_review", "normative_review"}));
  // The provider's own privacy review comes first, then the authority's.
  EXPECT_EQ(r.json().at("assignee_role"), "provider");
  const std::int64_t id = r.json().at("id").as_int64();
  EXPECT_EQ(x.act(x.authority, id, "approve").status, 403);
  EXPECT_EQ(x.act(x.provider, id, "approve", "不涉及个人隐私").status, 200);
  EXPECT_EQ(x.get_case(x.authority, id).at("stage").at("key"), "legality_review");
}

TEST_P(ReviewTest, PublishedEntriesChangeThroughAnApprovedChangeRequest) {
  TestServer s(GetParam(), "[policy]\nprofile = \"weifang\"\n");
  s.clock().set(kSept28Morning);
  World x(s);
  const std::int64_t v = x.entry_with_data("CR-1", "变更样例");
  auto sub = x.provider.post("/api/v1/entries/CR-1/submit", {{"version_id", v}});
  ASSERT_EQ(sub.status, 201);
  ASSERT_EQ(x.act(x.authority, sub.json().at("id").as_int64(), "approve", "同意").status, 200);

  // Direct edits of a published entry are refused; a change request is the way.
  auto entry = x.provider.get("/api/v1/entries/CR-1").json().as_object();
  entry["summary"] = "变更后的摘要，说明数据来源。";
  json::object put = entry;
  put["reason"] = "补充来源";
  auto direct = x.provider.request("PUT", "/api/v1/entries/CR-1", json::serialize(put),
                                   {{"X-CSRF-Token", x.provider.csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(direct.status, 409) << direct.body;
  EXPECT_EQ(direct.error_code(), "change_request_required");
  EXPECT_EQ(x.provider.post("/api/v1/entries/CR-1/change-requests", {{"kind", "modify"}, {"entry", entry}}).status, 400)
      << "a reason is required";
  auto cr = x.provider.post("/api/v1/entries/CR-1/change-requests",
                            {{"kind", "modify"}, {"entry", entry}, {"reason", "补充数据来源"}});
  ASSERT_EQ(cr.status, 201) << cr.body;
  // Weifang art. 11 sets no deadline for the authority's consent: [workflow] default_review_wd (10).
  EXPECT_EQ(cr.json().at("stage").at("deadline_wd"), 10);
  EXPECT_EQ(cr.json().at("due_date"), x.working_day("2026-09-28", 10).c_str());
  EXPECT_NE(x.provider.get("/api/v1/entries/CR-1").json().at("summary"), "变更后的摘要，说明数据来源。");
  auto ok = x.act(x.authority, cr.json().at("id").as_int64(), "approve", "同意变更");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(x.provider.get("/api/v1/entries/CR-1").json().at("summary"), "变更后的摘要，说明数据来源。");

  // Deletion: approved, the entry is withdrawn.
  auto del = x.provider.post("/api/v1/entries/CR-1/change-requests", {{"kind", "delete"}, {"reason", "职责调整，不再提供"}});
  ASSERT_EQ(del.status, 201) << del.body;
  ASSERT_EQ(x.act(x.authority, del.json().at("id").as_int64(), "approve", "同意").status, 200);
  EXPECT_EQ(x.provider.get("/api/v1/entries/CR-1").json().at("state"), "withdrawn");
}

TEST_P(ReviewTest, IndustryDataEntryMakesAnEnterpriseAProviderOfNonGovernmentData) {
  TestServer s(GetParam(), "policy.profile = \"shandong\"\n");
  World x(s);
  auto& access = *s.runtime().access;
  const std::int64_t acme = access.create_org({"潍坊数智科技有限公司", "enterprise", "city", "370700", std::nullopt})->id;
  s.make_user("acme", "user", acme);
  Client applicant = x.w.login("acme");
  EXPECT_EQ(applicant.post("/api/v1/industry-applications", {{"org_id", acme}}).status, 400) << "a description is needed";
  EXPECT_EQ(x.provider.post("/api/v1/industry-applications", {{"org_id", x.w.transport_id}, {"description", "x"}}).status, 400)
      << "government departments do not apply here";
  EXPECT_EQ(applicant.post("/api/v1/industry-applications", {{"org_id", x.w.transport_id}, {"description", "x"}}).status, 403);
  auto app = applicant.post("/api/v1/industry-applications", {{"org_id", acme}, {"description", "开放本企业充电桩实时状态数据"}});
  ASSERT_EQ(app.status, 201) << app.body;
  const std::int64_t id = app.json().at("id").as_int64();
  EXPECT_EQ(app.json().at("stage").at("key"), "application_review");
  // The applicant follows the case; the authority decides.
  EXPECT_EQ(applicant.get("/api/v1/cases/" + std::to_string(id)).status, 200);
  EXPECT_EQ(x.act(applicant, id, "approve").status, 403);
  ASSERT_EQ(x.act(x.authority, id, "approve", "同意开通").status, 200);
  EXPECT_EQ(x.inbox_count(applicant, "approved"), 1u);

  // Now a data provider of its own organisation: its entries are marked non-government.
  auto e = CatalogWorld::entry("ACME-1", "充电桩实时状态", {CatalogWorld::field("桩号", "text", true)});
  auto created = applicant.post("/api/v1/entries", e);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("non_government"), true);
  EXPECT_EQ(created.json().at("provider_kind"), "enterprise");
  auto job = x.w.upload(applicant, "ACME-1", "p.csv", "桩号\nP1\n");
  ASSERT_EQ(job.at("state"), "succeeded");
  auto sub = applicant.post("/api/v1/entries/ACME-1/submit", {{"version_id", job.at("version_id").as_int64()}});
  ASSERT_EQ(sub.status, 201) << sub.body;
  ASSERT_EQ(x.act(x.authority, sub.json().at("id").as_int64(), "approve", "同意").status, 200);
  auto found = s.client().get("/api/v1/catalog?q=%E5%85%85%E7%94%B5%E6%A1%A9");  // 充电桩
  const json::value hits = found.json();
  ASSERT_EQ(hits.at("total"), 1) << found.body;
  EXPECT_EQ(hits.at("items").as_array()[0].at("non_government"), true);
  EXPECT_EQ(s.client().get("/api/v1/entries/RV-none").status, 404);
  auto gov = x.entry_with_data("GOV-1", "政府数据样例");
  (void)gov;
  EXPECT_EQ(x.provider.get("/api/v1/entries/GOV-1").json().at("non_government"), false);
}

KF_BACKEND_SUITE(ReviewTest);

}  // namespace
}  // namespace kf::test
