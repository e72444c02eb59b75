// The data API over published versions: the SoQL subset, CSV, the Socrata-compatible route,
// query errors with positions, refused injections and the access rules, on both databases.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using DataApiTest = BackendTest;

void publish_lines(TestServer& s, CatalogWorld& w, Client& c, const std::string& code, const std::string& open) {
  auto e = CatalogWorld::entry(code, "公交线路", {CatalogWorld::field("线路", "text", true), CatalogWorld::field("票价", "decimal"),
                                                 CatalogWorld::field("区县", "text"), CatalogWorld::field("开通日期", "date")});
  e["open_attribute"] = open;
  if (open != "unconditional") {
    e["legal_basis"] = "《公共数据开放办法》";
    e["open_conditions"] = "签署协议";
  }
  ASSERT_EQ(c.post("/api/v1/entries", e).status, 201);
  auto job = w.upload(c, code, "l.csv",
                      "线路,票价,区县,开通日期\nK1,2,奎文区,2020-01-01\nK2,1.5,潍城区,2021-06-01\nK3,3,奎文区,2022-03-15\n"
                      "K4,1,寒亭区,2019-09-09\nK5,2.5,奎文区,2023-12-31\n");
  ASSERT_EQ(job.at("state"), "succeeded");
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  ASSERT_EQ(admin.post("/api/v1/entries/" + code + "/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                       json::object{}).status, 200);
}

std::vector<std::string> lines(const json::value& body) {
  std::vector<std::string> out;
  for (const auto& r : body.at("rows").as_array()) out.emplace_back(r.at("线路").as_string());
  return out;
}

TEST_P(DataApiTest, QueriesFilterSortAggregateAndCount) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client c = w.login("transport");
  publish_lines(s, w, c, "Q-1", "unconditional");
  Client anon = s.client();
  auto r = anon.get("/api/v1/datasets/Q-1/rows?$where=%E7%A5%A8%E4%BB%B7%20%3E%3D%202&$order=%E7%A5%A8%E4%BB%B7%20DESC&$limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(lines(r.json()), (std::vector<std::string>{"K3", "K5"}));
  EXPECT_EQ(r.json().at("total"), 3);
  EXPECT_EQ(lines(anon.get("/api/v1/datasets/Q-1/rows?区县=奎文区&$order=线路").json()),
            (std::vector<std::string>{"K1", "K3", "K5"}));
  auto agg = anon.get("/api/v1/datasets/Q-1/rows?$select=区县,count(*)%20AS%20n&$group=区县&$order=n%20DESC,区县").json();
  EXPECT_EQ(agg.at("rows").at(0).at("区县"), "奎文区");
  EXPECT_EQ(agg.at("rows").at(0).at("n"), 3);
  auto csv = anon.request("GET", "/api/v1/datasets/Q-1/rows?$select=线路&$where=线路%20IN%20('K1','K4')&$order=线路", {},
                          {{"Accept", "text/csv"}});
  EXPECT_EQ(csv.body, "线路\r\nK1\r\nK4\r\n");
  EXPECT_EQ(anon.get("/api/v1/datasets/Q-1/rows.csv?$select=线路&$limit=1&$order=线路").body, "线路\r\nK1\r\n");
  // Socrata clients: /resource/{code}.json with string values.
  auto soda = anon.get("/resource/Q-1.json?$where=开通日期%20%3E%20'2021-01-01'&$order=开通日期");
  ASSERT_EQ(soda.status, 200) << soda.body;
  auto arr = soda.json().as_array();
  ASSERT_EQ(arr.size(), 3u);
  EXPECT_EQ(arr[0].at("线路"), "K2");
  EXPECT_EQ(arr[0].at("票价"), "1.5");
}

TEST_P(DataApiTest, BadQueriesAreRefusedWithTheirPositionAndChangeNothing) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client c = w.login("transport");
  publish_lines(s, w, c, "Q-2", "unconditional");
  Client anon = s.client();
  auto unknown = anon.get("/api/v1/datasets/Q-2/rows?$where=%E7%BA%BF%E8%B7%AF%20%3D%20'K1'%20AND%20colour%20%3D%201");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_code(), "invalid_query");
  EXPECT_EQ(unknown.json().at("error").at("position"), 15);  // 1-based, in characters
  for (const char* attack : {"$where=线路%20%3D%20''%20OR%201%3D1%20--'", "$where=1%3D1;%20DROP%20TABLE%20rows",
                             "$where=线路%20%3D%20'K1'%20/*", "$limit=100000000", "$select=*%20FROM%20orgs%20--"}) {
    auto r = anon.get(std::string("/api/v1/datasets/Q-2/rows?") + attack);
    EXPECT_EQ(r.status, 400) << attack << " " << r.body;
  }
  std::string deep = "$where=" + std::string(1000, '(') + "1%3D1" + std::string(1000, ')');
  EXPECT_EQ(anon.get("/api/v1/datasets/Q-2/rows?" + deep).status, 400);
  EXPECT_EQ(anon.get("/api/v1/datasets/Q-2/rows").json().at("total"), 5);  // nothing changed
  EXPECT_EQ(anon.get("/api/v1/entries").status, 401);
}

TEST_P(DataApiTest, ConditionalDataIsNotQueryableByThePublic) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client c = w.login("transport");
  publish_lines(s, w, c, "Q-3", "conditional");
  auto r = s.client().get("/api/v1/datasets/Q-3/rows");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "login_required");  // sign in, then apply (issue 13)
  auto citizen = s.session_as("user").get("/api/v1/datasets/Q-3/rows");
  EXPECT_EQ(citizen.status, 403);
  EXPECT_EQ(citizen.error_code(), "apply_required");
  EXPECT_EQ(s.client().get("/resource/Q-3.json").status, 403);
  EXPECT_EQ(c.get("/api/v1/datasets/Q-3/rows").status, 200);
}

TEST_P(DataApiTest, ApiKeysHaveADailyQuotaAndTheirUsageIsCounted) {
  TestServer s(GetParam(), "rate_limit.key_daily_quota = 3\n");
  CatalogWorld w(s);
  Client c = w.login("transport");
  publish_lines(s, w, c, "Q-4", "unconditional");
  Client owner = s.session_as("user");
  auto key = owner.post("/api/v1/me/api-keys", {{"name", "脚本"}}).json().at("key").as_string();
  Client script = s.client();
  script.extra_headers["X-App-Token"] = std::string(key);
  EXPECT_EQ(script.get("/api/v1/datasets/Q-4/rows?$limit=2").status, 200);
  EXPECT_EQ(script.get("/resource/Q-4.json?$limit=1").status, 200);
  EXPECT_EQ(script.get("/api/v1/datasets/Q-4/download").status, 200);
  auto over = script.get("/api/v1/datasets/Q-4/rows");
  EXPECT_EQ(over.status, 429);
  EXPECT_EQ(over.error_code(), "quota_exceeded");
  EXPECT_GT(std::stoi(over.headers["retry-after"]), 0);
  EXPECT_EQ(s.client().get("/api/v1/datasets/Q-4/rows").status, 200);  // anonymous callers are not this key

  auto mine = owner.get("/api/v1/me/api-keys/usage").json().at("items").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("entry_code"), "Q-4");
  EXPECT_EQ(mine[0].at("calls"), 3);
  EXPECT_EQ(mine[0].at("rows"), 2 + 1 + 5);
  EXPECT_GT(mine[0].at("bytes").as_int64(), 0);
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  EXPECT_EQ(admin.get("/api/v1/usage").json().at("items").as_array().size(), 1u);
  EXPECT_EQ(owner.get("/api/v1/usage").status, 403);
  // The quota resets at midnight China time.
  s.clock().advance(std::chrono::hours(24));
  EXPECT_EQ(script.get("/api/v1/datasets/Q-4/rows").status, 200);
}

KF_BACKEND_SUITE(DataApiTest);

}  // namespace
}  // namespace kf::test
