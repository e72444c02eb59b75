// The web app is served from the web root, with a fallback to index.html for app routes.
#include <filesystem>
#include <fstream>

#include "core/crypto.h"
#include "harness.h"

namespace kf::test {
namespace {

class StaticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("kf-web-" + core::random_token(6));
    std::filesystem::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html") << "<!doctype html><title>开放</title>";
    std::ofstream(root_ / "assets" / "app.js") << "console.log(1)";
    std::ofstream(root_.parent_path() / "secret.txt") << "outside";
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
};

TEST_F(StaticTest, ServesFilesAndFallsBackToTheApp) {
  TestServer s("sqlite", {}, root_.string());
  Client c = s.client();
  auto index = c.get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("开放"), std::string::npos);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  auto js = c.get("/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_NE(js.headers["cache-control"].find("immutable"), std::string::npos);
  EXPECT_EQ(c.get("/account/keys").body, index.body);  // an app route
  EXPECT_EQ(c.get("/assets/missing.js").status, 404);
  EXPECT_EQ(c.get("/../secret.txt").status, 404);
  EXPECT_EQ(c.get("/%2e%2e/secret.txt").status, 404);
  EXPECT_EQ(c.get("/api/v1/unknown").error_code(), "not_found");  // API paths never fall back
}

}  // namespace
}  // namespace kf::test
