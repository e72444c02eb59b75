// Catalog entries, dictionary, permissions, states, history and diff (CAT-1..3), on both databases.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using CatalogTest = BackendTest;

json::array bus_fields() {
  return {CatalogWorld::field("线路编号", "text", true), CatalogWorld::field("票价", "decimal"),
          CatalogWorld::field("开通日期", "date")};
}

TEST_P(CatalogTest, ProvidersCatalogTheirOwnDataAndOnlyPublishedEntriesArePublic) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client transport = w.login("transport");
  auto bus = CatalogWorld::entry("JT-001", "潍坊市公交线路信息", bus_fields());
  bus["formats"] = json::array{"csv", "xlsx", "csv"};
  auto created = transport.post("/api/v1/entries", bus);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json().at("state"), "draft");
  EXPECT_EQ(created.json().at("formats"), (json::array{"csv", "xlsx"}));  // a set: each value once
  EXPECT_EQ(created.json().at("provider_name"), "潍坊市交通运输局");
  EXPECT_EQ(created.json().at("fields").as_array().size(), 3u);

  // Another provider can neither see the draft nor edit it; anonymous callers do not see it.
  Client market = w.login("market");
  EXPECT_EQ(market.get("/api/v1/entries/JT-001").status, 404);
  auto edit = market.request("PUT", "/api/v1/entries/JT-001",
                             json::serialize(CatalogWorld::entry("JT-001", "改名", bus_fields())),
                             {{"X-CSRF-Token", market.csrf}});
  EXPECT_EQ(edit.status, 404);
  EXPECT_EQ(s.client().get("/api/v1/entries/JT-001").status, 404);
  // A provider cannot create entries for another organisation.
  auto foreign = CatalogWorld::entry("SC-999", "他人的目录", bus_fields());
  foreign["provider_id"] = w.transport_id;
  EXPECT_EQ(market.post("/api/v1/entries", foreign).status, 403);
  // Providers cannot publish; the admin can.
  EXPECT_EQ(transport.post("/api/v1/entries/JT-001/publish", json::object{}).status, 403);
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  auto published = admin.post("/api/v1/entries/JT-001/publish", json::object{});
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json().at("state"), "published");
  EXPECT_FALSE(published.json().at("next_update_due").is_null());
  EXPECT_EQ(s.client().get("/api/v1/entries/JT-001").status, 200);
  EXPECT_EQ(transport.get("/api/v1/entries?mine=1").json().at("items").as_array().size(), 1u);
  // Suspend needs a reason and hides the entry again.
  EXPECT_EQ(admin.post("/api/v1/entries/JT-001/suspend", json::object{}).status, 400);
  EXPECT_EQ(admin.post("/api/v1/entries/JT-001/suspend", {{"reason", "数据质量核查"}}).status, 200);
  EXPECT_EQ(s.client().get("/api/v1/entries/JT-001").status, 404);
}

TEST_P(CatalogTest, ConditionalAndNotOpenEntriesNeedTheirLegalBasis) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client c = w.login("transport");
  auto e = CatalogWorld::entry("JT-002", "驾驶人信息", bus_fields());
  e["open_attribute"] = "conditional";
  auto r = c.post("/api/v1/entries", e);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json().at("error").at("field"), "legal_basis");
  e["legal_basis"] = "《山东省公共数据开放办法》第七条";
  r = c.post("/api/v1/entries", e);
  EXPECT_EQ(r.json().at("error").at("field"), "open_conditions");
  e["open_conditions"] = "仅向签署使用协议的科研机构开放";
  EXPECT_EQ(c.post("/api/v1/entries", e).status, 201);
  // Bad input is named: unknown keys, bad enums, duplicate field names.
  auto bad = CatalogWorld::entry("JT-003", "x", bus_fields());
  bad["colour"] = "red";
  EXPECT_EQ(c.post("/api/v1/entries", bad).json().at("error").at("field"), "colour");
  auto freq = CatalogWorld::entry("JT-004", "x", bus_fields());
  freq["update_frequency"] = "sometimes";
  EXPECT_EQ(c.post("/api/v1/entries", freq).json().at("error").at("field"), "update_frequency");
  auto dup = CatalogWorld::entry("JT-005", "x", {CatalogWorld::field("a", "text"), CatalogWorld::field("a", "integer")});
  EXPECT_EQ(c.post("/api/v1/entries", dup).status, 400);
  EXPECT_EQ(c.post("/api/v1/entries", CatalogWorld::entry("JT-002", "重复编码", bus_fields())).status, 409);
}

TEST_P(CatalogTest, EveryChangeIsRecordedAndCanBeDiffed) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client c = w.login("transport");
  ASSERT_EQ(c.post("/api/v1/entries", CatalogWorld::entry("JT-010", "公交线路", bus_fields())).status, 201);
  auto changed = CatalogWorld::entry("JT-010", "潍坊市公交线路信息", bus_fields());
  auto no_reason = c.request("PUT", "/api/v1/entries/JT-010", json::serialize(changed), {{"X-CSRF-Token", c.csrf}});
  EXPECT_EQ(no_reason.json().at("error").at("field"), "reason");
  changed["reason"] = "名称按规范补全";
  auto upd = c.request("PUT", "/api/v1/entries/JT-010", json::serialize(changed), {{"X-CSRF-Token", c.csrf}});
  ASSERT_EQ(upd.status, 200) << upd.body;
  EXPECT_EQ(upd.json().at("revision"), 2);
  json::array fields = bus_fields();
  fields[1].as_object()["unit"] = "元";
  fields.push_back(CatalogWorld::field("线路长度", "decimal"));
  auto dict = c.request("PUT", "/api/v1/entries/JT-010/dictionary",
                        json::serialize(json::object{{"fields", fields}, {"reason", "补充单位与线路长度"}}),
                        {{"X-CSRF-Token", c.csrf}});
  ASSERT_EQ(dict.status, 200) << dict.body;

  auto hist = c.get("/api/v1/entries/JT-010/history").json();
  auto items = hist.at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].at("reason"), "名称按规范补全");
  EXPECT_EQ(items[1].at("actor"), "transport");
  bool saw_name = false;
  for (const auto& ch : items[1].at("changes").as_array()) {
    if (ch.at("path") == "name") {
      saw_name = true;
      EXPECT_EQ(ch.at("before"), "\"公交线路\"");
      EXPECT_EQ(ch.at("after"), "\"潍坊市公交线路信息\"");
    }
  }
  EXPECT_TRUE(saw_name);
  auto diff = c.get("/api/v1/entries/JT-010/history/diff?from=1&to=3").json();
  std::set<std::string> paths;
  for (const auto& ch : diff.at("changes").as_array()) paths.insert(std::string(ch.at("path").as_string()));
  EXPECT_TRUE(paths.count("name"));
  EXPECT_TRUE(paths.count("fields[票价].unit"));
  EXPECT_TRUE(paths.count("fields[线路长度].type"));
  EXPECT_EQ(c.get("/api/v1/entries/JT-010/history/diff?from=1&to=9").status, 400);
  // Another provider cannot read the history.
  EXPECT_EQ(w.login("market").get("/api/v1/entries/JT-010/history").status, 404);
}

TEST_P(CatalogTest, OneDataOneSourceFlagsRepeatedKeyItems) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client market = w.login("market");
  Client transport = w.login("transport");
  ASSERT_EQ(market.post("/api/v1/entries", CatalogWorld::entry("SC-001", "市场主体登记信息",
                                                               {CatalogWorld::field("统一社会信用代码", "text", true),
                                                                CatalogWorld::field("企业名称", "text")}, "市场监管"))
                .status,
            201);
  ASSERT_EQ(transport.post("/api/v1/entries", CatalogWorld::entry("JT-020", "道路运输企业名录",
                                                                  {CatalogWorld::field("统一社会信用代码", "text"),
                                                                   CatalogWorld::field("经营范围", "text")}))
                .status,
            201);
  ASSERT_EQ(transport.post("/api/v1/entries", CatalogWorld::entry("JT-021", "公交站点",
                                                                  {CatalogWorld::field("站点编号", "text", true)}))
                .status,
            201);
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  auto flags = admin.get("/api/v1/catalog/duplicates");
  ASSERT_EQ(flags.status, 200);
  auto items = flags.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << flags.body;
  EXPECT_EQ(items[0].at("entry").at("code"), "JT-020");
  EXPECT_EQ(items[0].at("entry").at("provider"), "潍坊市交通运输局");
  EXPECT_EQ(items[0].at("source").at("code"), "SC-001");
  EXPECT_EQ(items[0].at("source").at("provider"), "潍坊市市场监督管理局");
  EXPECT_EQ(items[0].at("items"), json::array({"统一社会信用代码"}));
  EXPECT_EQ(transport.get("/api/v1/catalog/duplicates").status, 403);
}

TEST_P(CatalogTest, DueDatesFollowTheUpdateFrequency) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client c = w.login("transport");
  auto monthly = CatalogWorld::entry("JT-M", "月度客流", bus_fields());
  auto yearly = CatalogWorld::entry("JT-Y", "年度统计", bus_fields());
  yearly["update_frequency"] = "yearly";
  auto irregular = CatalogWorld::entry("JT-I", "不定期数据", bus_fields());
  irregular["update_frequency"] = "irregular";
  for (auto* e : {&monthly, &yearly, &irregular}) ASSERT_EQ(c.post("/api/v1/entries", *e).status, 201);
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  for (const char* code : {"JT-M", "JT-Y", "JT-I"}) {
    ASSERT_EQ(admin.post(std::string("/api/v1/entries/") + code + "/publish", json::object{}).status, 200);
  }
  auto due_codes = [&](int days) {
    std::vector<std::string> out;
    Client fresh = w.login("transport");  // sessions expire while the clock jumps months
    auto body = fresh.get("/api/v1/catalog/due?within_days=" + std::to_string(days)).json();
    for (const auto& e : body.at("items").as_array()) {
      out.emplace_back(e.at("code").as_string());
    }
    return out;
  };
  EXPECT_TRUE(due_codes(7).empty());
  EXPECT_EQ(due_codes(40), (std::vector<std::string>{"JT-M"}));
  s.clock().advance(std::chrono::hours(24 * 40));  // the monthly entry is now overdue
  EXPECT_EQ(due_codes(0), (std::vector<std::string>{"JT-M"}));
  s.clock().advance(std::chrono::hours(24 * 330));  // over a year: irregular ones are due too
  auto all = due_codes(0);
  EXPECT_EQ(all.size(), 3u);
  EXPECT_EQ(all.front(), "JT-M");  // most overdue first
  // Another provider has nothing due of its own; the authority sees every provider's.
  EXPECT_TRUE(w.login("market").get("/api/v1/catalog/due?within_days=0").json().at("items").as_array().empty());
  EXPECT_EQ(s.client().get("/api/v1/catalog/due").status, 401);
}

KF_BACKEND_SUITE(CatalogTest);

}  // namespace
}  // namespace kf::test
