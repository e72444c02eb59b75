// The CKAN Action API: envelopes, errors and the entry -> package mapping for each action,
// datastore_search over the data API, on both databases.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using CkanTest = BackendTest;

// Two published entries with data (one by each provider) and one draft.
struct CkanWorld {
  explicit CkanWorld(TestServer& s) : w(s), transport(w.login("transport")), market(w.login("market")), admin(s.client()) {
    admin.login("admin", TestServer::kPassword);
    publish(transport, "CK-BUS", "公交线路信息", "交通", "线路,票价,夜班\nK1,2,是\nK2,1.5,否\nK3,3,否\n\"K4 \"\"夜\"\"\",2,是\n");
    publish(market, "CK-SHOP", "市场主体名录", "市场监管", "线路,票价,夜班\nS1,1,否\n");
    auto e = CatalogWorld::entry("CK-DRAFT", "草稿目录", {CatalogWorld::field("线路", "text", true)});
    auto r = transport.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
  }
  void publish(Client& c, const std::string& code, const std::string& name, const std::string& domain,
               const std::string& csv) {
    auto e = CatalogWorld::entry(code, name, {CatalogWorld::field("线路", "text", true), CatalogWorld::field("票价", "decimal"),
                                              CatalogWorld::field("夜班", "boolean")},
                                 domain);
    e["keywords"] = json::array{domain, "公开"};
    auto r = c.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
    auto job = w.upload(c, code, "data.csv", csv);
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    auto p = admin.post("/api/v1/entries/" + code + "/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                        json::object{});
    if (p.status != 200) throw std::runtime_error(p.body);
  }
  CatalogWorld w;
  Client transport, market, admin;
};

// Checks CKAN's success envelope and returns the result.
json::value ok(const Reply& r, const std::string& action) {
  EXPECT_EQ(r.status, 200u) << r.body;
  auto body = r.json();
  if (!body.is_object()) {
    ADD_FAILURE() << "not JSON: " << r.body;
    return nullptr;
  }
  EXPECT_EQ(body.at("success"), true) << r.body;
  EXPECT_NE(std::string(body.at("help").as_string()).find("help_show?name=" + action), std::string::npos) << r.body;
  return body.at("result");
}

// Checks CKAN's error envelope.
void fails(const Reply& r, unsigned status, const std::string& type) {
  EXPECT_EQ(r.status, status) << r.body;
  auto body = r.json();
  ASSERT_TRUE(body.is_object()) << r.body;
  EXPECT_EQ(body.at("success"), false) << r.body;
  EXPECT_TRUE(body.at("help").is_string());
  EXPECT_EQ(body.at("error").at("__type"), json::value(type)) << r.body;
  EXPECT_TRUE(body.at("error").at("message").is_string());
}

std::string A(const std::string& rest) { return "/api/3/action/" + rest; }

TEST_P(CkanTest, PackageListSearchAndShow) {
  TestServer s(GetParam());
  CkanWorld world(s);
  Client anon = s.client();

  auto list = ok(anon.get(A("package_list")), "package_list");
  EXPECT_EQ(list, (json::array{"CK-BUS", "CK-SHOP"}));  // the draft is not listed
  EXPECT_EQ(ok(anon.get(A("package_list?limit=1&offset=1")), "package_list"), (json::array{"CK-SHOP"}));
  fails(anon.get(A("package_list?limit=abc")), 409, "Validation Error");

  auto all = ok(anon.get(A("package_search?facet.field=%5B%22organization%22,%22groups%22,%22tags%22%5D")), "package_search");
  EXPECT_EQ(all.at("count"), 2);
  EXPECT_EQ(all.at("results").as_array().size(), 2u);
  EXPECT_EQ(all.at("facets").at("groups").at("交通"), 1);
  EXPECT_EQ(all.at("facets").at("tags").at("公开"), 2);
  EXPECT_EQ(all.at("search_facets").at("organization").at("items").as_array().size(), 2u);

  auto org = ok(anon.get(A("package_search?fq=organization:org-" + std::to_string(world.w.transport_id))), "package_search");
  ASSERT_EQ(org.at("count"), 1);
  EXPECT_EQ(org.at("results").at(0).at("name"), "CK-BUS");
  auto group = ok(anon.get(A("package_search?fq=groups:%E5%B8%82%E5%9C%BA%E7%9B%91%E7%AE%A1")), "package_search");  // 市场监管
  ASSERT_EQ(group.at("count"), 1);
  EXPECT_EQ(group.at("results").at(0).at("name"), "CK-SHOP");
  auto sorted = ok(anon.get(A("package_search?sort=name%20desc&rows=1&start=0")), "package_search");
  EXPECT_EQ(sorted.at("count"), 2);
  ASSERT_EQ(sorted.at("results").as_array().size(), 1u);
  EXPECT_EQ(sorted.at("results").at(0).at("name"), "CK-SHOP");
  auto q = ok(anon.get(A("package_search?q=%E5%85%AC%E4%BA%A4")), "package_search");  // 公交
  ASSERT_EQ(q.at("count"), 1);
  EXPECT_EQ(q.at("results").at(0).at("name"), "CK-BUS");
  fails(anon.get(A("package_search?fq=bogus:1")), 409, "Validation Error");
  fails(anon.get(A("package_search?rows=-1")), 409, "Validation Error");

  // POST with a JSON body, as ckanapi sends it.
  auto post = anon.request("POST", A("package_search"), R"({"fq":"tags:公开","rows":1})", {{"Content-Type", "application/json"}});
  auto posted = ok(post, "package_search");
  EXPECT_EQ(posted.at("count"), 2);
  EXPECT_EQ(posted.at("results").as_array().size(), 1u);
  fails(anon.request("POST", A("package_search"), "{not json", {{"Content-Type", "application/json"}}), 400, "Bad request");

  auto pkg = ok(anon.get(A("package_show?id=CK-BUS")), "package_show");
  EXPECT_EQ(pkg.at("name"), "CK-BUS");
  EXPECT_EQ(pkg.at("title"), "公交线路信息");
  EXPECT_EQ(pkg.at("notes"), "公交线路信息，按月更新。");
  EXPECT_EQ(pkg.at("organization").at("title"), "潍坊市交通运输局");
  EXPECT_EQ(pkg.at("groups").at(0).at("name"), "交通");
  EXPECT_EQ(pkg.at("tags").at(1).at("name"), "公开");
  EXPECT_EQ(pkg.at("state"), "active");
  auto resources = pkg.at("resources").as_array();
  ASSERT_EQ(resources.size(), 3u);
  EXPECT_EQ(resources[0].at("id"), "CK-BUS-csv");
  EXPECT_EQ(resources[0].at("format"), "CSV");
  EXPECT_EQ(resources[0].at("datastore_active"), true);
  EXPECT_EQ(resources[2].at("datastore_active"), false);
  std::string url(resources[0].at("url").as_string());
  EXPECT_TRUE(url.starts_with("http://")) << url;
  EXPECT_TRUE(url.ends_with("/api/v1/datasets/CK-BUS/download?format=csv")) << url;
  // The resource URL really downloads.
  EXPECT_EQ(anon.get(url.substr(url.find("/api/"))).status, 200u);
  bool has_open = false;
  for (const auto& x : pkg.at("extras").as_array()) has_open |= x.at("key") == "open_attribute" && x.at("value") == "unconditional";
  EXPECT_TRUE(has_open);

  fails(anon.get(A("package_show?id=NOPE")), 404, "Not Found Error");
  fails(anon.get(A("package_show?id=CK-DRAFT")), 404, "Not Found Error");  // drafts are hidden from the public
  fails(anon.get(A("package_show")), 409, "Validation Error");
  // Staff of the provider see their draft.
  EXPECT_EQ(ok(world.transport.get(A("package_show?id=CK-DRAFT")), "package_show").at("state"), "draft");
  // ckanapi's path without the version.
  EXPECT_EQ(ok(anon.get("/api/action/package_show?id=CK-SHOP"), "package_show").at("name"), "CK-SHOP");
}

TEST_P(CkanTest, OrganizationsGroupsTagsResourcesAndStatus) {
  TestServer s(GetParam());
  CkanWorld world(s);
  Client anon = s.client();
  const std::string transport = "org-" + std::to_string(world.w.transport_id);

  auto names = ok(anon.get(A("organization_list")), "organization_list").as_array();
  EXPECT_NE(std::find(names.begin(), names.end(), json::value(transport)), names.end());
  auto full = ok(anon.get(A("organization_list?all_fields=true")), "organization_list").as_array();
  bool found = false;
  for (const auto& o : full) {
    if (o.at("name") == json::value(transport)) {
      found = true;
      EXPECT_EQ(o.at("title"), "潍坊市交通运输局");
      EXPECT_EQ(o.at("package_count"), 1);
    }
  }
  EXPECT_TRUE(found);
  fails(anon.get(A("organization_list?sort=bogus")), 409, "Validation Error");

  auto org = ok(anon.get(A("organization_show?id=" + transport + "&include_datasets=true")), "organization_show");
  EXPECT_EQ(org.at("package_count"), 1);
  EXPECT_EQ(org.at("packages").at(0).at("name"), "CK-BUS");
  EXPECT_EQ(ok(anon.get(A("organization_show?id=" + std::to_string(world.w.market_id))), "organization_show").at("title"),
            "潍坊市市场监督管理局");
  fails(anon.get(A("organization_show?id=org-999999")), 404, "Not Found Error");
  fails(anon.get(A("organization_show")), 409, "Validation Error");

  EXPECT_EQ(ok(anon.get(A("group_list")), "group_list"), (json::array{"交通", "市场监管"})) << "sorted by name (UTF-8 bytes)";
  auto groups = ok(anon.get(A("group_list?all_fields=true")), "group_list").as_array();
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].at("package_count"), 1);
  fails(anon.request("POST", A("group_list"), "[1]", {{"Content-Type", "application/json"}}), 400, "Bad request");

  auto tags = ok(anon.get(A("tag_list")), "tag_list").as_array();
  EXPECT_EQ(tags.size(), 3u);  // 公开, 交通, 市场监管 (the draft's keywords are not public)
  EXPECT_EQ(ok(anon.get(A("tag_list?query=%E4%BA%A4")), "tag_list"), (json::array{"交通"}));
  fails(anon.request("POST", A("tag_list"), "nope", {{"Content-Type", "application/json"}}), 400, "Bad request");

  auto res = ok(anon.get(A("resource_show?id=CK-BUS-xlsx")), "resource_show");
  EXPECT_EQ(res.at("package_id"), "CK-BUS");
  EXPECT_EQ(res.at("format"), "XLSX");
  EXPECT_EQ(res.at("datastore_active"), false);
  fails(anon.get(A("resource_show?id=CK-BUS-pdf")), 404, "Not Found Error");
  fails(anon.get(A("resource_show?id=CK-DRAFT-csv")), 404, "Not Found Error");
  fails(anon.get(A("resource_show")), 409, "Validation Error");

  auto status = ok(anon.get(A("status_show")), "status_show");
  EXPECT_TRUE(status.at("ckan_version").is_string());
  EXPECT_TRUE(std::string(status.at("site_url").as_string()).starts_with("http://"));
  fails(anon.request("POST", A("status_show"), "{", {{"Content-Type", "application/json"}}), 400, "Bad request");
}

TEST_P(CkanTest, DatastoreSearchTranslatesToTheDataApi) {
  TestServer s(GetParam());
  CkanWorld world(s);
  Client anon = s.client();

  auto all = ok(anon.get(A("datastore_search?resource_id=CK-BUS-csv")), "datastore_search");
  EXPECT_EQ(all.at("total"), 4);
  EXPECT_EQ(all.at("records").as_array().size(), 4u);
  EXPECT_EQ(all.at("fields").at(0), (json::object{{"id", "线路"}, {"type", "text"}}));
  EXPECT_EQ(all.at("fields").at(1).at("type"), "numeric");
  EXPECT_EQ(all.at("fields").at(2).at("type"), "bool");
  EXPECT_EQ(all.at("records").at(3).at("线路"), "K4 \"夜\"");

  // filters (JSON in the query string), sort, limit, offset.
  auto filtered = ok(anon.get(A("datastore_search?resource_id=CK-BUS-csv&filters=%7B%22%E7%A5%A8%E4%BB%B7%22:2%7D"
                                "&sort=%E7%BA%BF%E8%B7%AF%20desc&limit=1")),
                     "datastore_search");  // filters={"票价":2}, sort=线路 desc
  EXPECT_EQ(filtered.at("total"), 2);
  ASSERT_EQ(filtered.at("records").as_array().size(), 1u);
  EXPECT_EQ(filtered.at("records").at(0).at("线路"), "K4 \"夜\"");
  EXPECT_EQ(filtered.at("limit"), 1);

  // POST body: list filter, fields, offset, no total.
  auto post = anon.request("POST", A("datastore_search"),
                           R"({"resource_id":"CK-BUS-csv","filters":{"线路":["K1","K3","O'Brien"]},"fields":["线路","票价"],)"
                           R"("sort":"票价 desc","limit":5,"offset":1,"include_total":false})",
                           {{"Content-Type", "application/json"}});
  auto posted = ok(post, "datastore_search");
  EXPECT_FALSE(posted.as_object().contains("total"));
  ASSERT_EQ(posted.at("records").as_array().size(), 1u);
  EXPECT_EQ(posted.at("records").at(0), (json::object{{"线路", "K1"}, {"票价", 2.0}}));
  EXPECT_EQ(posted.at("fields").as_array().size(), 2u);

  auto q = ok(anon.get(A("datastore_search?resource_id=CK-BUS&q=K2")), "datastore_search");
  ASSERT_EQ(q.at("records").as_array().size(), 1u);
  EXPECT_EQ(q.at("records").at(0).at("线路"), "K2");

  fails(anon.get(A("datastore_search?resource_id=NOPE-csv")), 404, "Not Found Error");
  fails(anon.get(A("datastore_search?resource_id=CK-DRAFT-csv")), 404, "Not Found Error");
  fails(anon.get(A("datastore_search?resource_id=CK-BUS-xlsx")), 404, "Not Found Error");
  fails(anon.get(A("datastore_search")), 409, "Validation Error");
  fails(anon.get(A("datastore_search?resource_id=CK-BUS-csv&filters=%7B%22nope%22:1%7D")), 409, "Validation Error");
  fails(anon.get(A("datastore_search?resource_id=CK-BUS-csv&sort=nope")), 409, "Validation Error");
  fails(anon.get(A("datastore_search?resource_id=CK-BUS-csv&limit=x")), 409, "Validation Error");
  fails(anon.get(A("datastore_search?resource_id=CK-BUS-csv&filters=%5B1%5D")), 409, "Validation Error");
}

TEST_P(CkanTest, RestrictedDataAnswersAuthorizationError) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client c = w.login("transport");
  Client admin = s.client();
  admin.login("admin", TestServer::kPassword);
  auto e = CatalogWorld::entry("CK-COND", "有条件开放数据", {CatalogWorld::field("线路", "text", true)});
  e["open_attribute"] = "conditional";
  e["legal_basis"] = "《公共数据开放办法》";
  e["open_conditions"] = "签署协议";
  ASSERT_EQ(c.post("/api/v1/entries", e).status, 201u);
  auto job = w.upload(c, "CK-COND", "d.csv", "线路\nA\n");
  ASSERT_EQ(admin.post("/api/v1/entries/CK-COND/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                       json::object{}).status, 200u);
  Client anon = s.client();
  ok(anon.get(A("package_show?id=CK-COND")), "package_show");  // metadata is public
  fails(anon.get(A("datastore_search?resource_id=CK-COND-csv")), 403, "Authorization Error");
  EXPECT_EQ(ok(c.get(A("datastore_search?resource_id=CK-COND-csv")), "datastore_search").at("total"), 1);
}

}  // namespace

KF_BACKEND_SUITE(CkanTest);

}  // namespace kf::test
