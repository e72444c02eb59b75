// Profiles drive what people see (issue 11 item 7): the open- and share-attribute names of the
// active profile appear beside the codes in the API views, the facets, CKAN and the open list;
// under lishui conditional data is 受限开放 and not-open data 禁止开放, never 有条件开放.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using ProfileLabelsTest = BackendTest;

struct LabelWorld {
  explicit LabelWorld(TestServer& s) : w(s), admin(s.client()) {
    Client c = w.login("transport");
    auto make = [&](const std::string& code, const std::string& open, const std::string& share) {
      auto e = CatalogWorld::entry(code, "标签样例" + code, {CatalogWorld::field("编号", "text", true)});
      e["open_attribute"] = open;
      e["share_attribute"] = share;
      if (open != "unconditional" || share == "none") e["legal_basis"] = "《数据安全法》";
      if (open == "conditional") e["open_conditions"] = "签署开放利用协议";
      if (share == "conditional") e["share_conditions"] = "用于行政审批";
      auto r = c.post("/api/v1/entries", e);
      if (r.status != 201) throw std::runtime_error(r.body);
    };
    make("LB-1", "unconditional", "unconditional");
    make("LB-2", "conditional", "conditional");
    make("LB-3", "not_open", "none");
    if (admin.login("admin", TestServer::kPassword).status != 200) throw std::runtime_error("admin login");
    for (const char* code : {"LB-1", "LB-2", "LB-3"}) {
      admin.post(std::string("/api/v1/entries/") + code + "/publish", json::object{});
    }
  }
  CatalogWorld w;
  Client admin;
};

std::string facet_label(const json::value& result, const std::string& value) {
  for (const auto& f : result.at("facets").at("open").as_array()) {
    if (f.at("value") == value.c_str()) return std::string(f.at("label").as_string());
  }
  return {};
}

TEST_P(ProfileLabelsTest, LishuiNamesAppearInViewsFacetsAndCkan) {
  TestServer s(GetParam(), "policy.profile = \"lishui\"\n");
  LabelWorld x(s);
  Client anon = s.client();
  auto e = anon.get("/api/v1/entries/LB-2").json();
  EXPECT_EQ(e.at("open_attribute"), "conditional") << "codes stay";
  EXPECT_EQ(e.at("open_attribute_label"), "受限开放");
  EXPECT_EQ(e.at("share_attribute_label"), "有条件共享");
  auto n = anon.get("/api/v1/entries/LB-3").json();
  EXPECT_EQ(n.at("open_attribute_label"), "禁止开放");
  EXPECT_EQ(n.at("share_attribute_label"), "不予共享");

  auto all = anon.get("/api/v1/catalog").json();
  EXPECT_EQ(facet_label(all, "conditional"), "受限开放");
  EXPECT_EQ(facet_label(all, "not_open"), "禁止开放");
  EXPECT_EQ(facet_label(all, "unconditional"), "无条件开放");
  for (const auto& i : all.at("items").as_array()) EXPECT_TRUE(i.as_object().contains("open_attribute_label"));

  auto ckan = anon.get("/api/3/action/package_show?id=LB-2");
  ASSERT_EQ(ckan.status, 200) << ckan.body;
  EXPECT_NE(ckan.body.find("受限开放"), std::string::npos) << ckan.body;
  for (const auto* path : {"/api/v1/catalog", "/api/v1/entries/LB-2", "/api/v1/entries/LB-3",
                           "/api/3/action/package_search?q=", "/api/3/action/package_show?id=LB-2"}) {
    auto r = anon.get(path);
    EXPECT_EQ(r.body.find("有条件开放"), std::string::npos) << path << ": " << r.body;
    EXPECT_EQ(r.body.find("不予开放"), std::string::npos) << path << ": " << r.body;
  }
}

TEST_P(ProfileLabelsTest, WeifangKeepsTheShandongNames) {
  TestServer s(GetParam());  // weifang, the default
  LabelWorld x(s);
  auto e = s.client().get("/api/v1/entries/LB-2").json();
  EXPECT_EQ(e.at("open_attribute_label"), "有条件开放");
  EXPECT_EQ(facet_label(s.client().get("/api/v1/catalog").json(), "not_open"), "不予开放");
}

KF_BACKEND_SUITE(ProfileLabelsTest);

}  // namespace
}  // namespace kf::test
