// The case engine v2 (issue 11) over HTTP, on SQLite and PostgreSQL, with the real calendar and
// the shipped policy profiles: parties (a user of another organisation gets 404), jurisdictions
// (a county bureau cannot act on a city department's case; the city bureau reviews a county's
// open list under Shandong's 市级以上 rule), a provider suspends its own entry, a profile-defined
// named outcome, Lishui's quarterly review rounds, Yanzhou's update-cycle deadline, and a failing
// hook that leaves nothing half done.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using CaseEngineTest = BackendTest;

constexpr std::int64_t kJune22Morning = 1782090000000LL;  // 2026-06-22 09:00 China time, a Monday
constexpr std::int64_t kDay = 24LL * 3600 * 1000;
constexpr const char* kLongSessions =
    "security.session_idle_minutes = 525600\nsecurity.session_ttl_minutes = 525600\n";

// The Weifang city bureau and a county bureau (潍城区), a county department, and the two city
// departments of CatalogWorld.
struct Regions {
  explicit Regions(TestServer& s) : server(s), w(s) {
    auto& access = *s.runtime().access;
    city_bureau_org = access.create_org({"潍坊市大数据局", "authority", "city", "370700", std::nullopt})->id;
    county_bureau_org = access.create_org({"潍城区大数据局", "authority", "county", "370702", std::nullopt})->id;
    county_provider_org = access.create_org({"潍城区交通运输局", "provider", "county", "370702", std::nullopt})->id;
    s.make_user("city_bureau", "authority", city_bureau_org);
    s.make_user("county_bureau", "authority", county_bureau_org);
    s.make_user("county_transport", "provider", county_provider_org);
  }
  // A published entry of `provider` (a session), with data: submitted and approved by `bureau`.
  void publish(Client& provider, Client& bureau, const std::string& code) {
    auto e = CatalogWorld::entry(code, "公交线路" + code, {CatalogWorld::field("线路", "text", true)});
    auto r = provider.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
    auto job = w.upload(provider, code, "lines.csv", "线路\nK1\nK2\n");
    auto submitted = provider.post("/api/v1/entries/" + code + "/submit", {{"version_id", job.at("version_id")}});
    if (submitted.status != 201) throw std::runtime_error(submitted.body);
    auto id = submitted.json().at("id").as_int64();
    for (int guard = 0; guard < 6; ++guard) {
      auto c = bureau.get("/api/v1/cases/" + std::to_string(id)).json();
      if (c.at("state") == "approved") return;
      Client& who = c.at("assignee_role") == "provider" ? provider : bureau;
      auto a = who.post("/api/v1/cases/" + std::to_string(id) + "/actions", {{"action", "approve"}});
      if (a.status != 200) throw std::runtime_error(a.body);
    }
    throw std::runtime_error("not approved");
  }
  TestServer& server;
  CatalogWorld w;
  std::int64_t city_bureau_org = 0, county_bureau_org = 0, county_provider_org = 0;
};

Reply act(Client& c, std::int64_t id, const std::string& action, const std::string& comment = "") {
  return c.post("/api/v1/cases/" + std::to_string(id) + "/actions", {{"action", action}, {"comment", comment}});
}

TEST_P(CaseEngineTest, PartiesAndJurisdictions) {
  TestServer s(GetParam());
  Regions r(s);
  Client transport = r.w.login("transport"), market = r.w.login("market"), county = r.w.login("county_bureau"),
         city = r.w.login("city_bureau"), citizen = s.session_as("user");
  auto e = CatalogWorld::entry("JD-1", "市级公交线路", {CatalogWorld::field("线路", "text", true)});
  ASSERT_EQ(transport.post("/api/v1/entries", e).status, 201);
  auto job = r.w.upload(transport, "JD-1", "lines.csv", "线路\nK1\n");
  auto submitted = transport.post("/api/v1/entries/JD-1/submit", {{"version_id", job.at("version_id")}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto id = submitted.json().at("id").as_int64();
  const std::string path = "/api/v1/cases/" + std::to_string(id);

  // The parties: the provider and the authority of its (city) level.
  auto c = transport.get(path).json().as_object();
  std::vector<std::string> roles;
  for (const auto& p : c.at("parties").as_array()) roles.emplace_back(p.at("role").as_string());
  EXPECT_EQ(roles, (std::vector<std::string>{"provider", "authority"}));
  EXPECT_EQ(c.at("parties").as_array()[1].at("region"), "370700");
  // Users without a party role on the case do not learn it exists.
  EXPECT_EQ(market.get(path).status, 404);
  EXPECT_EQ(citizen.get(path).status, 404);
  EXPECT_EQ(county.get(path).status, 404) << "a county bureau has no jurisdiction over a city department";
  EXPECT_EQ(act(county, id, "approve").status, 404);
  EXPECT_EQ(county.get("/api/v1/cases?assigned=1").json().at("items").as_array().size(), 0u);
  auto mine = city.get(path).json().as_object();
  EXPECT_EQ(mine.at("may_act"), true);
  EXPECT_FALSE(mine.at("allowed_actions").as_array().empty());
  EXPECT_EQ(mine.at("panel").at("panel"), "publication");
  ASSERT_EQ(act(city, id, "approve").status, 200);
  EXPECT_EQ(s.client().get("/api/v1/entries/JD-1").json().at("state"), "published");

  // Suspending: not by the county bureau, at once by the provider itself, not by another provider.
  EXPECT_EQ(county.post("/api/v1/entries/JD-1/suspend", {{"reason", "核查"}}).status, 403);
  EXPECT_EQ(market.post("/api/v1/entries/JD-1/suspend", {{"reason", "核查"}}).status, 403);
  auto suspended = transport.post("/api/v1/entries/JD-1/suspend", {{"reason", "收到隐私投诉，立即暂停"}});
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(suspended.json().at("state"), "suspended");
  EXPECT_EQ(transport.post("/api/v1/entries/JD-1/restore", {{"reason", "处理完毕"}}).status, 403)
      << "restoring is the authority's";
  EXPECT_EQ(county.post("/api/v1/entries/JD-1/restore", {{"reason", "处理完毕"}}).status, 403);
  EXPECT_EQ(city.post("/api/v1/entries/JD-1/restore", {{"reason", "处理完毕"}}).status, 200);

  // A county department's submission: both the county bureau and the city bureau above it.
  Client county_transport = r.w.login("county_transport");
  r.publish(county_transport, county, "JD-2");
  EXPECT_EQ(county.post("/api/v1/entries/JD-2/suspend", {{"reason", "核查"}}).status, 200);
  EXPECT_EQ(city.post("/api/v1/entries/JD-2/restore", {{"reason", "核查完毕"}}).status, 200);
}

TEST_P(CaseEngineTest, CityBureauReviewsCountyOpenListsUnderShandong) {
  TestServer s(GetParam(), "policy.profile = \"shandong\"\n");
  Regions r(s);
  Client county = r.w.login("county_bureau"), city = r.w.login("city_bureau");
  Client county_transport = r.w.login("county_transport");
  auto e = CatalogWorld::entry("OL-1", "区级公交线路", {CatalogWorld::field("线路", "text", true)});
  ASSERT_EQ(county_transport.post("/api/v1/entries", e).status, 201);
  auto compiled = county.post("/api/v1/open-lists", {{"year", 2026}});
  ASSERT_EQ(compiled.status, 201) << compiled.body;
  auto list_id = compiled.json().at("id").as_int64();
  auto submitted = county.post("/api/v1/open-lists/" + std::to_string(list_id) + "/submit", json::object{});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto id = submitted.json().at("id").as_int64();
  // Shandong art. 8: the list is reviewed by the authority of the city level or above.
  const auto parties = submitted.json().at("parties").as_array();
  auto authority = std::find_if(parties.begin(), parties.end(),
                                [](const json::value& p) { return p.at("role") == "authority"; });
  ASSERT_NE(authority, parties.end());
  EXPECT_EQ(authority->at("region"), "370700");
  EXPECT_EQ(act(county, id, "approve").status, 403) << "the county bureau submitted it and may not approve it";
  for (int guard = 0; guard < 4; ++guard) {
    auto c = city.get("/api/v1/cases/" + std::to_string(id)).json();
    if (c.at("state") == "approved") break;
    auto a = act(city, id, "approve", "同意");
    ASSERT_EQ(a.status, 200) << a.body;
  }
  EXPECT_EQ(s.client().get("/api/v1/open-list").json().at("id"), list_id)
      << "the flow published the list in the case's transaction";
}

TEST_P(CaseEngineTest, NamedOutcomeOfTheProfile) {
  TestServer s(GetParam(), "policy.profile = \"shandong\"\n");
  Regions r(s);
  auto& rt = s.runtime();
  // Shandong art. 15: a demand for unopened data; the provider answers with one of three outcomes.
  auto nc = rt.review->new_case("demand");
  ASSERT_TRUE(nc) << nc.error().message;
  nc->title = "未开放数据需求：公交实时位置";
  nc->subject_code = "demand-1";
  nc->owner_org_id = r.w.transport_id;
  auto applicant = s.make_user("company", "user");
  nc->parties.push_back({"applicant", applicant.id, std::nullopt, ""});
  nc->parties.push_back({"provider", std::nullopt, r.w.transport_id, ""});
  auto c = rt.workflow->submit(workflow::Actor{applicant.id, "company", {"user"}, {}}, *nc, "需要公交实时位置");
  ASSERT_TRUE(c) << c.error().message;
  Client city = r.w.login("city_bureau"), transport = r.w.login("transport"), company = r.w.login("company");
  ASSERT_EQ(act(city, c->id, "approve").status, 200);
  auto detail = transport.get("/api/v1/cases/" + std::to_string(c->id)).json().as_object();
  std::vector<std::string> codes, labels;
  for (const auto& a : detail.at("allowed_actions").as_array()) {
    codes.emplace_back(a.at("code").as_string());
    labels.emplace_back(a.at("label").as_string());
  }
  EXPECT_EQ(codes, (std::vector<std::string>{"already_open", "will_open", "cannot_open"}));
  EXPECT_EQ(labels[1], "可以开放");
  EXPECT_EQ(act(transport, c->id, "cannot_open").status, 400) << "a refusal states its reasons";
  auto w = act(transport, c->id, "will_open", "可以开放，20 个工作日内上线");
  ASSERT_EQ(w.status, 200) << w.body;
  EXPECT_EQ(w.json().at("stage").at("key"), "open");
  EXPECT_EQ(w.json().at("stage").at("deadline_wd"), 20);
  // The applicant sees its own case; another user does not.
  EXPECT_EQ(company.get("/api/v1/cases/" + std::to_string(c->id)).status, 200);
  EXPECT_EQ(s.session_as("user").get("/api/v1/cases/" + std::to_string(c->id)).status, 404);
}

TEST_P(CaseEngineTest, LishuiProviderReviewClosesInQuarterlyRounds) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"lishui\"\n");
  s.clock().set(kJune22Morning);
  Regions r(s);
  auto& rt = s.runtime();
  auto nc = rt.review->new_case("conditional_application");
  ASSERT_TRUE(nc) << nc.error().message;
  nc->title = "受限开放数据申请";
  nc->subject_code = "app-1";
  nc->owner_org_id = r.w.transport_id;
  auto applicant = s.make_user("company", "user");
  nc->parties.push_back({"applicant", applicant.id, std::nullopt, ""});
  nc->parties.push_back({"provider", std::nullopt, r.w.transport_id, ""});
  auto c = rt.workflow->submit(workflow::Actor{applicant.id, "company", {"user"}, {}}, *nc, "");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->stage().key, "normative_review");
  s.clock().advance(std::chrono::milliseconds(10 * kDay));  // Thursday 2 July 2026
  Client city = r.w.login("city_bureau");
  auto moved = act(city, c->id, "approve", "材料齐全");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json().at("stage").at("key"), "provider_review");
  EXPECT_EQ(moved.json().at("due_date"), "2026-09-30") << "the end of the round window 2 July falls in";
}

TEST_P(CaseEngineTest, YanzhouCatalogChangeIsDueWithinOneUpdateCycle) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"yanzhou\"\n");
  s.clock().set(kJune22Morning);
  Regions r(s);
  Client transport = r.w.login("transport"), city = r.w.login("city_bureau");
  r.publish(transport, city, "YZ-1");
  auto entry = transport.get("/api/v1/entries/YZ-1").json().as_object();
  auto changed = CatalogWorld::entry("YZ-1", "公交线路（更名）", {CatalogWorld::field("线路", "text", true)});
  auto req = transport.post("/api/v1/entries/YZ-1/change-requests",
                            {{"kind", "modify"}, {"entry", changed}, {"reason", "职能调整后更名"}});
  ASSERT_EQ(req.status, 201) << req.body;
  EXPECT_EQ(req.json().at("stage").at("key"), "change_review");
  // Yanzhou art. 11: within one update cycle of the entry (monthly: 31 days).
  EXPECT_EQ(req.json().at("due_date"), "2026-07-23");
}

TEST_P(CaseEngineTest, FailingHookLeavesTheEntryUnpublishedAndTheCaseWhereItWas) {
  TestServer s(GetParam());
  Regions r(s);
  bool fail = true;
  s.runtime().workflow->add_hook("publication", [&](db::Tx&, const workflow::Actor&, const workflow::Case&,
                                                    const workflow::Transition& t) -> Result<void> {
    if (fail && t.end_state == "approved") return Error::unavailable("审计日志暂不可用，请稍后再试");
    return kf::ok();
  });
  Client transport = r.w.login("transport"), city = r.w.login("city_bureau");
  auto e = CatalogWorld::entry("HK-1", "公交线路", {CatalogWorld::field("线路", "text", true)});
  ASSERT_EQ(transport.post("/api/v1/entries", e).status, 201);
  auto job = r.w.upload(transport, "HK-1", "lines.csv", "线路\nK1\n");
  auto submitted = transport.post("/api/v1/entries/HK-1/submit", {{"version_id", job.at("version_id")}});
  ASSERT_EQ(submitted.status, 201);
  const auto id = submitted.json().at("id").as_int64();
  const auto before = city.get("/api/v1/cases/" + std::to_string(id)).json().as_object();
  auto refused = act(city, id, "approve", "同意");
  EXPECT_EQ(refused.status, 503) << refused.body;
  auto after = city.get("/api/v1/cases/" + std::to_string(id)).json().as_object();
  EXPECT_EQ(after.at("state"), before.at("state"));
  EXPECT_EQ(after.at("stage").at("key"), before.at("stage").at("key"));
  EXPECT_EQ(after.at("history").as_array().size(), before.at("history").as_array().size());
  EXPECT_EQ(transport.get("/api/v1/entries/HK-1").json().at("state"), "draft") << "not published";
  EXPECT_EQ(s.client().get("/api/v1/datasets/HK-1/rows").status, 404);
  fail = false;
  ASSERT_EQ(act(city, id, "approve", "同意").status, 200);
  EXPECT_EQ(transport.get("/api/v1/entries/HK-1").json().at("state"), "published");
}

KF_BACKEND_SUITE(CaseEngineTest);

}  // namespace
}  // namespace kf::test
