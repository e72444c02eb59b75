// What the public sees of a published version (issue 12 item 8): who uploaded it and the
// uploaded file's name and hash are the provider's working details. Anonymous callers and users
// outside the entry's staff get none of them from any public route; the provider's staff and
// the authority still see them.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using PublicViewTest = BackendTest;

TEST_P(PublicViewTest, UploaderAndFileHashAreForStaffOnly) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  s.make_user("zhang.uploader", "provider", w.transport_id);
  Client uploader = w.login("zhang.uploader");
  auto e = CatalogWorld::entry("PV-1", "公交站点", {CatalogWorld::field("站名", "text", true)});
  ASSERT_EQ(uploader.post("/api/v1/entries", e).status, 201u);
  auto job = w.upload(uploader, "PV-1", "zhang-private-export.csv", "站名\n火车站\n人民广场\n");
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200u);
  auto vid = std::to_string(job.at("version_id").as_int64());
  ASSERT_EQ(admin.post("/api/v1/entries/PV-1/versions/" + vid + "/publish", json::object{}).status, 200u);

  // The staff's view names the uploader and the file.
  auto staff = uploader.get("/api/v1/entries/PV-1/versions");
  ASSERT_EQ(staff.status, 200u) << staff.body;
  const json::value staff_json = staff.json();
  const auto& mine = staff_json.at("items").at(0).as_object();
  EXPECT_EQ(mine.at("created_by"), "zhang.uploader");
  EXPECT_EQ(mine.at("source_name"), "zhang-private-export.csv");
  std::string sha(mine.at("sha256").as_string());
  ASSERT_EQ(sha.size(), 64u);
  EXPECT_TRUE(mine.contains("report"));
  Client authority = s.session_as("authority");
  auto supervised = authority.get("/api/v1/entries/PV-1/versions").json().at("items").at(0).as_object();
  EXPECT_EQ(supervised.at("created_by"), "zhang.uploader") << "the authority is staff too";

  // The public: anonymous, a signed-in user, and a provider of another organisation.
  Client anon = s.client();
  Client user = s.session_as("user");
  Client other = w.login("market");
  for (Client* c : {&anon, &user, &other}) {
    auto r = c->get("/api/v1/entries/PV-1/versions");
    ASSERT_EQ(r.status, 200u) << r.body;
    const json::value body = r.json();
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), 1u);
    const auto& v = items[0].as_object();
    EXPECT_EQ(v.at("number"), 1);
    EXPECT_EQ(v.at("row_count"), 2);
    EXPECT_EQ(v.at("state"), "published");
    for (const char* hidden : {"created_by", "sha256", "source_name", "report"}) {
      EXPECT_FALSE(v.contains(hidden)) << hidden << " shown to the public: " << r.body;
    }
    // No public route leaks them either.
    for (const std::string path :
         {"/api/v1/entries/PV-1", "/api/v1/entries/PV-1/versions", "/api/v1/entries/PV-1/preview",
          "/api/v1/catalog?q=%E5%85%AC%E4%BA%A4", "/api/v1/datasets/PV-1/rows", "/api/3/action/package_show?id=PV-1",
          "/api/3/action/resource_show?id=PV-1-csv", "/api/3/action/package_search?q=PV-1",
          "/api/v1/dcat/datasets/PV-1.jsonld", "/api/v1/dcat/datasets/PV-1.ttl", "/catalog.jsonld"}) {
      auto page = c->get(path);
      EXPECT_EQ(page.status, 200u) << path << ": " << page.body;
      EXPECT_EQ(page.body.find("zhang.uploader"), std::string::npos) << path << " names the uploader";
      EXPECT_EQ(page.body.find("zhang-private-export"), std::string::npos) << path << " names the uploaded file";
      EXPECT_EQ(page.body.find(sha), std::string::npos) << path << " shows the file's hash";
    }
  }
}

KF_BACKEND_SUITE(PublicViewTest);

}  // namespace
}  // namespace kf::test
