// Access rules by profile (ACC-1): the deployment's [access] rule decides whether downloads
// and full data API answers need a registered / real-name verified user who accepted the
// open-data licence; acceptance is recorded; callers who do not meet the rule see a preview.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using LicenceTest = BackendTest;

constexpr const char* kVerifiedRule = "[access]\ndownload = \"verified\"\npreview_rows = 5\n";

// Publishes an unconditional entry with `rows` rows as the transport provider.
void publish(TestServer& s, CatalogWorld& w, const std::string& code, int rows) {
  Client c = w.login("transport");
  auto e = CatalogWorld::entry(code, "公交站点", {CatalogWorld::field("站点", "text", true), CatalogWorld::field("序号", "integer")});
  ASSERT_EQ(c.post("/api/v1/entries", e).status, 201);
  std::string csv = "站点,序号\n";
  for (int i = 0; i < rows; ++i) csv += "S" + std::to_string(i) + "," + std::to_string(i) + "\n";
  auto job = w.upload(c, code, "stops.csv", csv);
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  Client admin = s.client();
  admin.login("admin", TestServer::kPassword);
  auto p = admin.post("/api/v1/entries/" + code + "/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                      json::object{});
  ASSERT_EQ(p.status, 200) << p.body;
}

std::size_t row_count(const Reply& r) { return r.json().at("rows").as_array().size(); }

TEST_P(LicenceTest, VerifiedRuleNeedsLoginRealNameAndTheLicenceAndRecordsAcceptance) {
  TestServer s(GetParam(), kVerifiedRule);
  CatalogWorld w(s);
  publish(s, w, "LIC-1", 12);

  // Anonymous: the download is refused with what to do; the data API gives the first rows only.
  Client anon = s.client();
  auto dl = anon.get("/api/v1/datasets/LIC-1/download?format=csv");
  EXPECT_EQ(dl.status, 403);
  EXPECT_EQ(dl.error_code(), "login_required");
  EXPECT_NE(dl.error_message().find("实名认证"), std::string::npos) << dl.error_message();
  auto preview = anon.get("/api/v1/datasets/LIC-1/rows");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(row_count(preview), 5u);
  EXPECT_EQ(anon.get("/api/v1/datasets/LIC-1/rows?$limit=3").status, 200);
  auto more = anon.get("/api/v1/datasets/LIC-1/rows?$limit=6");
  EXPECT_EQ(more.status, 403);
  EXPECT_NE(more.error_message().find("可预览前 5 行"), std::string::npos) << more.error_message();
  EXPECT_EQ(anon.get("/api/v1/datasets/LIC-1/rows?$offset=5").status, 403);
  EXPECT_EQ(anon.get("/resource/LIC-1.json?$limit=100").status, 403);
  auto soda = anon.get("/resource/LIC-1.json");
  ASSERT_EQ(soda.status, 200);
  EXPECT_EQ(soda.json().as_array().size(), 5u);
  EXPECT_EQ(anon.get("/api/v1/entries/LIC-1/preview?limit=50").json().at("rows").as_array().size(), 5u);
  auto info = anon.get("/api/v1/licence");
  ASSERT_EQ(info.status, 200);
  EXPECT_EQ(info.json().at("version"), "1.0");
  EXPECT_EQ(info.json().at("download_rule"), "verified");
  EXPECT_EQ(info.json().at("may_download"), false);
  EXPECT_NE(info.json().at("text").as_string().find("重新识别"), json::string::npos);

  // Registered but not verified.
  Client user = s.session_as("user");
  EXPECT_EQ(user.get("/api/v1/datasets/LIC-1/download?format=csv").error_code(), "verification_required");
  ASSERT_EQ(user.post("/api/v1/me/verify", {{"name", "张三丰"}, {"id_number", "11010519491231002X"}}).status, 200);
  // Verified, licence not yet accepted.
  auto need = user.get("/api/v1/datasets/LIC-1/download?format=csv");
  EXPECT_EQ(need.error_code(), "licence_required");
  EXPECT_NE(need.error_message().find("公共数据开放许可协议"), std::string::npos);
  EXPECT_EQ(user.get("/api/v1/licence").json().at("missing"), "licence_required");
  // Accepting an outdated text is refused; the current one is recorded.
  EXPECT_EQ(user.post("/api/v1/me/licence", {{"version", "0.9"}}).status, 409);
  EXPECT_EQ(user.post("/api/v1/me/licence", json::object{}).status, 400);
  auto accepted = user.post("/api/v1/me/licence", {{"version", "1.0"}});
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json().at("licence_version"), "1.0");
  EXPECT_TRUE(accepted.json().at("licence_accepted_at").is_string());
  EXPECT_EQ(user.get("/api/v1/licence").json().at("may_download"), true);

  auto ok = user.get("/api/v1/datasets/LIC-1/download?format=csv");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.headers["x-row-count"], "12");
  EXPECT_EQ(row_count(user.get("/api/v1/datasets/LIC-1/rows?$limit=100")), 12u);

  // The user's API key carries the same standing.
  auto key = user.post("/api/v1/me/api-keys", {{"name", "下载"}});
  ASSERT_EQ(key.status, 201);
  Client by_key = s.client();
  by_key.extra_headers["X-App-Token"] = std::string(key.json().at("key").as_string());
  EXPECT_EQ(by_key.get("/resource/LIC-1.json?$limit=100").json().as_array().size(), 12u);

  // Acceptance is recorded with version and time.
  auto conn = s.runtime().pool->acquire();
  ASSERT_TRUE(conn);
  auto rs = (*conn)->query("SELECT version, accepted_at FROM licence_acceptances a JOIN users u ON u.id = a.user_id "
                           "WHERE u.username <> 'admin'");
  ASSERT_TRUE(rs) << rs.error().message;
  ASSERT_EQ(rs->rows.size(), 1u);
  EXPECT_EQ(rs->rows[0].text(0), "1.0");
  EXPECT_GT(rs->rows[0].int64(1), 0);

  // Provider staff are not held to the rule.
  Client staff = w.login("market");
  EXPECT_EQ(staff.get("/api/v1/datasets/LIC-1/download?format=csv").status, 200);
}

TEST_P(LicenceTest, RegisteredRuleWithoutLicenceLetsAnySignedInUserDownload) {
  TestServer s(GetParam(), "[access]\ndownload = \"registered\"\nrequire_licence = false\n");
  CatalogWorld w(s);
  publish(s, w, "LIC-2", 3);
  EXPECT_EQ(s.client().get("/api/v1/datasets/LIC-2/download?format=csv").error_code(), "login_required");
  Client user = s.session_as("user");
  EXPECT_EQ(user.get("/api/v1/datasets/LIC-2/download?format=csv").status, 200);
}

TEST_P(LicenceTest, AnonymousRuleIsTheDefault) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  publish(s, w, "LIC-3", 30);
  Client anon = s.client();
  EXPECT_EQ(anon.get("/api/v1/datasets/LIC-3/download?format=csv").status, 200);
  EXPECT_EQ(row_count(anon.get("/api/v1/datasets/LIC-3/rows?$limit=30")), 30u);
  EXPECT_EQ(anon.get("/api/v1/licence").json().at("may_download"), true);
}

KF_BACKEND_SUITE(LicenceTest);

}  // namespace
}  // namespace kf::test
