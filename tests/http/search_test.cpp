// Chinese full-text search with facets, sorting and paging (CAT-6), on both databases; and the
// unit behaviour of the tokenizer.
#include "catalog/search.h"
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using SearchTest = BackendTest;

TEST(SearchTokens, ChineseWordsAreFoundByTheirBigrams) {
  auto t = catalog::index_tokens("潍坊市医院ABC床位2024");
  auto has = [&](const std::string& x) { return std::find(t.begin(), t.end(), x) != t.end(); };
  EXPECT_TRUE(has("医院"));
  EXPECT_TRUE(has("院"));
  EXPECT_TRUE(has("abc"));
  EXPECT_TRUE(has("2024"));
  EXPECT_EQ(catalog::query_tokens("交通运输"), (std::vector<std::string>{"交通", "运输", "通运"}));
  EXPECT_EQ(catalog::query_tokens("企"), (std::vector<std::string>{"企"}));
}

std::vector<std::string> codes(const json::value& result) {
  std::vector<std::string> out;
  for (const auto& i : result.at("items").as_array()) out.emplace_back(i.at("code").as_string());
  std::sort(out.begin(), out.end());
  return out;
}

int facet_count(const json::value& result, const std::string& facet, const std::string& value) {
  for (const auto& f : result.at("facets").at(facet).as_array()) {
    if (f.at("value").as_string() == value) return static_cast<int>(f.at("count").as_int64());
  }
  return 0;
}

TEST_P(SearchTest, TwoCharacterWordsMatchAndFacetsCount) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client transport = w.login("transport");
  Client market = w.login("market");
  auto make = [&](Client& c, const std::string& code, const std::string& name, const std::string& domain,
                  const std::string& label, const std::string& open = "unconditional") {
    auto e = CatalogWorld::entry(code, name, {CatalogWorld::field(label, "text", true)}, domain);
    e["open_attribute"] = open;
    if (open != "unconditional") {
      e["legal_basis"] = "《数据安全法》";
      e["open_conditions"] = "签署协议";
    }
    auto r = c.post("/api/v1/entries", e);
    ASSERT_EQ(r.status, 201) << r.body;
  };
  make(market, "SC-1", "市场主体登记信息", "市场监管", "统一社会信用代码");
  make(market, "SC-2", "企业年报公示信息", "市场监管", "年报年度");
  make(market, "SC-3", "食品经营许可证", "市场监管", "许可证编号", "conditional");
  make(transport, "JT-1", "公交线路信息", "交通", "线路编号");
  make(transport, "JT-2", "道路运输企业名录", "交通", "企业名称");
  make(transport, "JT-3", "出租车运营数据", "交通", "车牌号");
  make(transport, "JT-4", "定点医院交通指引", "交通", "医院名称");
  make(transport, "JT-9", "草稿中的交通目录", "交通", "编号");  // stays a draft: never found
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  for (const char* code : {"SC-1", "SC-2", "SC-3", "JT-1", "JT-2", "JT-3", "JT-4"}) {
    ASSERT_EQ(admin.post(std::string("/api/v1/entries/") + code + "/publish", json::object{}).status, 200);
  }
  Client anon = s.client();
  auto qiye = anon.get("/api/v1/catalog?q=%E4%BC%81%E4%B8%9A").json();  // 企业
  EXPECT_EQ(codes(qiye), (std::vector<std::string>{"JT-2", "SC-2"}));
  auto jiaotong = anon.get("/api/v1/catalog?q=交通").json();
  EXPECT_EQ(codes(jiaotong), (std::vector<std::string>{"JT-1", "JT-2", "JT-3", "JT-4"}));
  EXPECT_EQ(jiaotong.at("total"), 4);
  auto yiyuan = anon.get("/api/v1/catalog?q=医院").json();
  EXPECT_EQ(codes(yiyuan), (std::vector<std::string>{"JT-4"}));
  EXPECT_EQ(codes(anon.get("/api/v1/catalog?q=信用代码").json()), (std::vector<std::string>{"SC-1"}));
  EXPECT_EQ(anon.get("/api/v1/catalog?q=不存在的词语").json().at("total"), 0);

  // Facets count over the matches; a chosen facet narrows the items but not its own counts.
  auto all = anon.get("/api/v1/catalog").json();
  EXPECT_EQ(all.at("total"), 7);
  EXPECT_EQ(facet_count(all, "domain", "交通"), 4);
  EXPECT_EQ(facet_count(all, "domain", "市场监管"), 3);
  EXPECT_EQ(facet_count(all, "open", "conditional"), 1);
  EXPECT_EQ(facet_count(all, "provider", std::to_string(w.market_id)), 3);
  auto by_market = anon.get("/api/v1/catalog?provider=" + std::to_string(w.market_id)).json();
  EXPECT_EQ(by_market.at("total"), 3);
  EXPECT_EQ(facet_count(by_market, "provider", std::to_string(w.transport_id)), 4);
  EXPECT_EQ(facet_count(by_market, "domain", "交通"), 0);
  auto narrowed = anon.get("/api/v1/catalog?q=企业&domain=交通").json();
  EXPECT_EQ(codes(narrowed), (std::vector<std::string>{"JT-2"}));
  EXPECT_EQ(facet_count(narrowed, "domain", "市场监管"), 1);

  // Paging and sorting.
  auto page = anon.get("/api/v1/catalog?sort=updated&size=3&page=3").json();
  EXPECT_EQ(page.at("items").as_array().size(), 1u);
  EXPECT_EQ(page.at("total"), 7);
  EXPECT_EQ(anon.get("/api/v1/catalog?sort=random").status, 400);
}

KF_BACKEND_SUITE(SearchTest);

}  // namespace
}  // namespace kf::test

namespace kf::test {
namespace {

using PortalStatsTest = BackendTest;

// The home page's counters: published entries only, their rows, providers, downloads and
// data API calls.
TEST_P(PortalStatsTest, CountsThePublicCatalog) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client provider = w.login("transport");
  Client admin = w.login("admin");
  for (const char* code : {"PS-1", "PS-2"}) {
    ASSERT_EQ(provider.post("/api/v1/entries", CatalogWorld::entry(code, "统计样例", {CatalogWorld::field("线路", "text", true)})).status, 201);
  }
  auto job = w.upload(provider, "PS-1", "l.csv", "线路\nK1\nK2\nK3\n");
  ASSERT_EQ(admin.post("/api/v1/entries/PS-1/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                       boost::json::object{}).status, 200);
  Client anon = s.client();
  ASSERT_EQ(anon.get("/api/v1/datasets/PS-1/download?format=csv").status, 200);
  auto st = anon.get("/api/v1/portal/stats");
  ASSERT_EQ(st.status, 200) << st.body;
  const boost::json::value j = st.json();
  EXPECT_EQ(j.at("entries"), 1) << "the draft is not counted";
  EXPECT_EQ(j.at("records"), 3);
  EXPECT_EQ(j.at("providers"), 1);
  EXPECT_EQ(j.at("downloads"), 1);
  EXPECT_EQ(j.at("api_calls"), 0);
  EXPECT_EQ(j.at("updates_by_month").as_array().size(), 1u);
}

KF_BACKEND_SUITE(PortalStatsTest);

}  // namespace
}  // namespace kf::test
