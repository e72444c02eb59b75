// True numbers on the public portal (issue 12 item 5): the home page counts open data only, every
// data API call counts (anonymous ones too), provider counts agree between the home page, the
// providers list, a provider's page and the search facets, download counts and "下载最多" are
// current without rebuilding the search index, and public-service institutions' data is not
// labelled social data. On both databases.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using NumbersTest = BackendTest;

// A provider organisation's entries with data, published by the admin.
struct Publisher {
  TestServer& s;
  CatalogWorld& w;
  Client admin;

  Publisher(TestServer& server, CatalogWorld& world) : s(server), w(world), admin(world.login("admin")) {}

  // Creates `code` with a one-column dictionary, uploads `rows` rows and publishes that version.
  void publish(Client& provider, const std::string& code, const std::string& open, int rows,
               const std::string& domain = "交通") {
    auto e = CatalogWorld::entry(code, "数据 " + code, {CatalogWorld::field("编号", "text", true)}, domain);
    e["open_attribute"] = open;
    if (open != "unconditional") {
      e["legal_basis"] = "《中华人民共和国数据安全法》";
      e["open_conditions"] = "签署数据使用协议";
    }
    auto created = provider.post("/api/v1/entries", e);
    ASSERT_EQ(created.status, 201) << created.body;
    std::string csv = "编号\n";
    for (int i = 0; i < rows; ++i) csv += code + "-" + std::to_string(i) + "\n";
    auto job = w.upload(provider, code, "d.csv", csv);
    ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
    auto published = admin.post("/api/v1/entries/" + code + "/versions/" +
                                    std::to_string(job.at("version_id").as_int64()) + "/publish",
                                json::object{});
    ASSERT_EQ(published.status, 200) << published.body;
  }
};

std::int64_t facet_count(const json::value& result, const std::string& facet, const std::string& value) {
  for (const auto& f : result.at("facets").at(facet).as_array()) {
    if (f.at("value").as_string() == value) return f.at("count").as_int64();
  }
  return 0;
}

std::vector<std::string> codes(const json::value& result) {
  std::vector<std::string> out;
  for (const auto& i : result.at("items").as_array()) out.emplace_back(i.at("code").as_string());
  return out;
}

TEST_P(NumbersTest, HomeCountersCountPublishedOpenDataOnly) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Publisher p(s, w);
  Client transport = w.login("transport");
  Client market = w.login("market");
  p.publish(transport, "OPEN-1", "unconditional", 3);
  p.publish(transport, "COND-1", "conditional", 5);
  p.publish(transport, "NOPE-1", "not_open", 7);
  p.publish(market, "MK-COND", "conditional", 2);
  ASSERT_EQ(transport.post("/api/v1/entries", CatalogWorld::entry("DRAFT-1", "草稿", {CatalogWorld::field("编号", "text", true)}))
                .status,
            201);

  Client anon = s.client();
  ASSERT_EQ(anon.get("/api/v1/datasets/OPEN-1/download?format=csv").status, 200);
  // Staff may download conditional data; those downloads are not open data's.
  ASSERT_EQ(p.admin.get("/api/v1/datasets/COND-1/download?format=csv").status, 200);
  auto st = anon.get("/api/v1/portal/stats");
  ASSERT_EQ(st.status, 200) << st.body;
  const json::value j = st.json();
  EXPECT_EQ(j.at("entries"), 1) << "conditional, not-open and draft entries are not open data: " << st.body;
  EXPECT_EQ(j.at("records"), 3);
  EXPECT_EQ(j.at("downloads"), 1);
  EXPECT_EQ(j.at("catalog_entries"), 4) << "the catalog lists every published entry";
  EXPECT_EQ(j.at("providers"), 2) << "a provider of conditional data only is a provider of the catalog";
  ASSERT_EQ(j.at("updates_by_month").as_array().size(), 1u);
  EXPECT_EQ(j.at("updates_by_month").as_array()[0].at("entries"), 1);
  // The open-data count is what the search shows with the unconditional filter.
  EXPECT_EQ(anon.get("/api/v1/catalog?open=unconditional").json().at("total"), j.at("entries"));
}

TEST_P(NumbersTest, EveryDataApiCallCountsAnonymousOnesToo) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Publisher p(s, w);
  Client transport = w.login("transport");
  p.publish(transport, "CALLS-1", "unconditional", 4);
  Client anon = s.client();
  auto calls = [&] { return anon.get("/api/v1/portal/stats").json().at("api_calls").as_int64(); };
  ASSERT_EQ(calls(), 0);

  ASSERT_EQ(anon.get("/api/v1/datasets/CALLS-1/rows?$limit=2").status, 200);
  EXPECT_EQ(calls(), 1) << "an anonymous call of the data API counts";
  ASSERT_EQ(anon.get("/api/v1/datasets/CALLS-1/rows.csv").status, 200);
  ASSERT_EQ(anon.get("/resource/CALLS-1.json").status, 200);
  ASSERT_EQ(anon.get("/api/3/action/datastore_search?resource_id=CALLS-1-csv&limit=1").status, 200);
  EXPECT_EQ(calls(), 4) << "rows.csv, SODA and CKAN datastore_search are data API calls";

  // A refused query and a download are not data API calls; a download counts as a download.
  EXPECT_EQ(anon.get("/api/v1/datasets/CALLS-1/rows?$where=nosuchcolumn%20%3D%201").status, 400);
  EXPECT_EQ(anon.get("/api/v1/datasets/NOSUCH/rows").status, 404);
  ASSERT_EQ(anon.get("/api/v1/datasets/CALLS-1/download?format=csv").status, 200);
  EXPECT_EQ(calls(), 4);

  // Signed-in callers and API keys count as well; the key's own usage is still kept for its quota.
  Client owner = s.session_as("user");
  ASSERT_EQ(owner.get("/api/v1/datasets/CALLS-1/rows").status, 200);
  auto key = owner.post("/api/v1/me/api-keys", {{"name", "脚本"}});
  ASSERT_EQ(key.status, 201) << key.body;
  Client script = s.client();
  script.extra_headers["X-Api-Key"] = std::string(key.json().at("key").as_string());
  ASSERT_EQ(script.get("/api/v1/datasets/CALLS-1/rows?$limit=1").status, 200);
  EXPECT_EQ(calls(), 6);
  auto usage = owner.get("/api/v1/me/api-keys/usage").json().at("items").as_array();
  ASSERT_EQ(usage.size(), 1u);
  EXPECT_EQ(usage[0].at("calls"), 1);
}

TEST_P(NumbersTest, ProviderCountsAgreeOnEveryPage) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  auto& access = *s.runtime().access;
  const std::int64_t hospital = access.create_org({"潍坊市人民医院", "institution", "city", "370700", std::nullopt})->id;
  const std::int64_t sports = access.create_org({"潍坊市体育局", "provider", "city", "370700", std::nullopt})->id;
  s.make_user("hospital", "provider", hospital);
  s.make_user("sports", "provider", sports);
  Publisher p(s, w);
  Client transport = w.login("transport");
  Client market = w.login("market");
  Client doctors = w.login("hospital");
  Client athletes = w.login("sports");
  p.publish(transport, "T-OPEN", "unconditional", 1);
  p.publish(transport, "T-OPEN2", "unconditional", 1);
  p.publish(transport, "T-COND", "conditional", 1);
  p.publish(market, "M-NOPE", "not_open", 1);
  p.publish(doctors, "H-OPEN", "unconditional", 1, "卫生");
  // The sports bureau has only a draft: it provides nothing to the public catalog yet.
  ASSERT_EQ(athletes.post("/api/v1/entries", CatalogWorld::entry("S-DRAFT", "草稿", {CatalogWorld::field("编号", "text", true)}))
                .status,
            201);

  Client anon = s.client();
  const json::value list = anon.get("/api/v1/providers").json();
  const json::value stats = anon.get("/api/v1/portal/stats").json();
  const json::value all = anon.get("/api/v1/catalog?size=1").json();
  ASSERT_TRUE(list.is_object()) << "GET /api/v1/providers";
  const auto& items = list.at("items").as_array();
  EXPECT_EQ(list.at("total"), 3);
  EXPECT_EQ(items.size(), 3u);
  EXPECT_EQ(stats.at("providers"), list.at("total")) << "home page and providers list";
  EXPECT_EQ(static_cast<std::int64_t>(all.at("facets").at("provider").as_array().size()), list.at("total").as_int64())
      << "providers list and the search's provider facet";
  EXPECT_EQ(list.at("datasets"), all.at("total"));
  EXPECT_EQ(list.at("open_datasets"), stats.at("entries"));
  std::int64_t sum = 0;
  for (const auto& it : items) {
    const std::string id = std::to_string(it.at("id").as_int64());
    EXPECT_NE(it.at("id").as_int64(), sports) << "no published entry, not listed";
    // A provider's page lists its datasets through the search with its id.
    const json::value page = anon.get("/api/v1/catalog?provider=" + id).json();
    EXPECT_EQ(it.at("datasets"), page.at("total")) << it.at("name");
    EXPECT_EQ(it.at("datasets").as_int64(), facet_count(all, "provider", id)) << it.at("name");
    EXPECT_EQ(it.at("open_datasets"), anon.get("/api/v1/catalog?open=unconditional&provider=" + id).json().at("total"))
        << it.at("name");
    sum += it.at("datasets").as_int64();
  }
  EXPECT_EQ(sum, all.at("total").as_int64());
  // Most datasets first, with the organisation's own kind and region.
  EXPECT_EQ(items[0].at("id"), w.transport_id);
  EXPECT_EQ(items[0].at("datasets"), 3);
  EXPECT_EQ(items[0].at("open_datasets"), 2);
  EXPECT_EQ(items[0].at("kind"), "provider");
  EXPECT_EQ(items[0].at("region_name"), "潍坊市");
}

TEST_P(NumbersTest, DownloadCountsAndMostDownloadedAreCurrent) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Publisher p(s, w);
  Client transport = w.login("transport");
  p.publish(transport, "DL-A", "unconditional", 2);
  p.publish(transport, "DL-B", "unconditional", 2);
  p.publish(transport, "DL-C", "unconditional", 2);
  Client anon = s.client();
  // The search index is built now; downloads must not rebuild it (one catalog generation).
  ASSERT_EQ(anon.get("/api/v1/catalog?sort=downloads").status, 200);
  auto generation = [&] {
    auto c = s.runtime().pool->acquire();
    return (*c)->query("SELECT generation FROM catalog_generation WHERE id = 1")->rows.at(0).int64(0);
  };
  const std::int64_t before = generation();

  auto download = [&](const std::string& code, int n) {
    for (int i = 0; i < n; ++i) ASSERT_EQ(anon.get("/api/v1/datasets/" + code + "/download?format=csv").status, 200);
  };
  download("DL-B", 2);
  download("DL-A", 1);
  auto most = anon.get("/api/v1/catalog?sort=downloads&size=3").json();
  EXPECT_EQ(codes(most), (std::vector<std::string>{"DL-B", "DL-A", "DL-C"}));
  EXPECT_EQ(most.at("items").as_array()[0].at("downloads"), 2);
  EXPECT_EQ(most.at("items").as_array()[1].at("downloads"), 1);
  download("DL-C", 3);
  most = anon.get("/api/v1/catalog?sort=downloads&size=3").json();
  EXPECT_EQ(codes(most), (std::vector<std::string>{"DL-C", "DL-B", "DL-A"}));
  EXPECT_EQ(most.at("items").as_array()[0].at("downloads"), 3);
  // Any sort shows the current counts, and so do the entry, the home page and CKAN.
  auto updated = anon.get("/api/v1/catalog?sort=updated&q=DL").json();
  for (const auto& it : updated.at("items").as_array()) {
    const auto code = it.at("code").as_string();
    EXPECT_EQ(it.at("downloads"), code == "DL-C" ? 3 : code == "DL-B" ? 2 : 1) << code;
  }
  EXPECT_EQ(anon.get("/api/v1/entries/DL-C").json().at("downloads"), 3);
  EXPECT_EQ(anon.get("/api/v1/portal/stats").json().at("downloads"), 6);
  auto ckan = anon.get("/api/3/action/package_search?sort=views_total%20desc&rows=1").json();
  ASSERT_EQ(ckan.at("success"), true);
  const auto& pkg = ckan.at("result").at("results").as_array().at(0);
  EXPECT_EQ(pkg.at("name"), "DL-C");
  bool found = false;
  for (const auto& x : pkg.at("extras").as_array()) {
    if (x.at("key") == "downloads") {
      EXPECT_EQ(x.at("value"), "3");
      found = true;
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(generation(), before) << "downloads must not rebuild the search index";
}

TEST_P(NumbersTest, PublicServiceInstitutionsAreNotSocialData) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  auto& access = *s.runtime().access;
  struct Org {
    const char* user;
    const char* name;
    const char* kind;
    const char* code;
    bool social;
  };
  const Org orgs[] = {{"bus", "潍坊市公共交通集团有限公司", "institution", "INST-1", false},
                      {"acme", "潍坊数智科技有限公司", "enterprise", "ENT-1", true},
                      {"charity", "潍坊市慈善总会", "other", "OTH-1", true}};
  Publisher p(s, w);
  for (const auto& o : orgs) {
    const std::int64_t id = access.create_org({o.name, o.kind, "city", "370700", std::nullopt})->id;
    s.make_user(o.user, "provider", id);
    Client c = w.login(o.user);
    p.publish(c, o.code, "unconditional", 1);
  }
  Client transport = w.login("transport");
  p.publish(transport, "GOV-1", "unconditional", 1);
  Client anon = s.client();
  for (const auto& o : orgs) {
    const json::value e = anon.get(std::string("/api/v1/entries/") + o.code).json();
    EXPECT_EQ(e.at("provider_kind"), o.kind);
    EXPECT_EQ(e.at("non_government"), o.social) << o.name;
  }
  EXPECT_EQ(anon.get("/api/v1/entries/GOV-1").json().at("non_government"), false);
  const json::value catalog = anon.get("/api/v1/catalog").json();
  for (const auto& it : catalog.at("items").as_array()) {
    const auto code = it.at("code").as_string();
    EXPECT_EQ(it.at("non_government"), code == "ENT-1" || code == "OTH-1") << code;
  }
}

KF_BACKEND_SUITE(NumbersTest);

}  // namespace
}  // namespace kf::test
