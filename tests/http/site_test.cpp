// The deployment's brand (issue 12 item 7): GET /api/v1/site and its logo, the brand written into
// index.html, the refusal to start on settings that would hurt the portal, and precompressed
// static files.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "harness.h"

namespace kf::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

std::string demo_config() {
  std::ifstream in(std::string(KF_SOURCE_DATA_DIR) + "/demo/kaifang.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A web root with the app's index.html shape (title, description, icon) and one asset.
class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("kf-site-" + core::random_token(6));
    fs::create_directories(root_ / "assets");
    std::ofstream(root_ / "index.html")
        << "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\" />\n"
           "<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\" />\n"
           "<meta name=\"description\" content=\"开放 · 公共数据开放平台\" />\n"
           "<title>开放 · 公共数据开放平台</title>\n</head>\n<body><div id=\"root\"></div></body>\n</html>\n";
    std::ofstream(root_ / "assets" / "app.js") << "console.log('plain')";
    std::ofstream(root_ / "assets" / "app.js.gz") << "GZIP-BYTES";
    std::ofstream(root_ / "assets" / "app.js.br") << "BROTLI-BYTES";
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

// The JSON embedded in index.html as <script id="kf-site" type="application/json">.
json::value embedded_site(const std::string& html) {
  const std::string open = "<script id=\"kf-site\" type=\"application/json\">";
  auto a = html.find(open);
  if (a == std::string::npos) return nullptr;
  a += open.size();
  auto b = html.find("</script>", a);
  return json::parse(html.substr(a, b - a));
}

TEST_F(SiteTest, TheDemoCitysBrandReachesTheApiTheLogoAndThePage) {
  TestServer s("sqlite", demo_config(), root_.string());
  Client c = s.client();
  auto site = c.get("/api/v1/site");
  ASSERT_EQ(site.status, 200) << site.body;
  auto j = site.json().as_object();
  EXPECT_EQ(j.at("name"), "潍坊市公共数据开放平台");
  EXPECT_EQ(j.at("short_name"), "潍坊数据开放");
  EXPECT_EQ(j.at("name_en"), "Weifang Public Data Open Platform");
  EXPECT_EQ(j.at("region"), (json::object{{"code", "370700"}, {"name", "潍坊市"}}));
  EXPECT_EQ(j.at("contact").at("bureau"), "潍坊市大数据局");
  EXPECT_EQ(j.at("contact").at("email"), "opendata@weifang.example");
  EXPECT_EQ(j.at("icp"), "鲁ICP备00000000号-1");
  EXPECT_EQ(j.at("accessibility_url"), "/accessibility") << "the built-in statement page";
  EXPECT_EQ(j.at("colors").at("header"), "#0d3b66");
  EXPECT_TRUE(j.at("url").is_null()) << "settings the deployment leaves out are null";
  ASSERT_TRUE(j.at("logo_url").is_string());

  auto logo = c.get(std::string(j.at("logo_url").as_string()));
  ASSERT_EQ(logo.status, 200);
  EXPECT_EQ(logo.headers["content-type"], "image/svg+xml");
  EXPECT_NE(logo.body.find("<svg"), std::string::npos);
  EXPECT_NE(logo.headers["content-security-policy"].find("default-src 'none'"), std::string::npos)
      << "an SVG opened at its own address runs nothing";
  ASSERT_FALSE(logo.headers["etag"].empty());
  auto again = c.request("GET", "/api/v1/site/logo", {}, {{"If-None-Match", logo.headers["etag"]}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());

  // The first answer of the app already says whose portal it is.
  auto page = c.get("/datasets/ANY-CODE");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<title>潍坊市公共数据开放平台</title>"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("content=\"潍坊市公共数据开放平台\""), std::string::npos);
  EXPECT_NE(page.body.find("<meta name=\"theme-color\" content=\"#0d3b66\" />"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/api/v1/site/logo\""), std::string::npos);
  EXPECT_EQ(page.body.find("/favicon.svg"), std::string::npos) << "the logo replaces the app's icon";
  EXPECT_EQ(embedded_site(page.body), site.json()) << "the embedded brand is the API's";
  EXPECT_LT(page.body.find("kf-site"), page.body.find("</head>"));

  // The API description lists both routes.
  auto doc = c.get("/api/v1/openapi.json").json();
  EXPECT_TRUE(doc.at("paths").as_object().contains("/api/v1/site"));
  EXPECT_TRUE(doc.at("paths").as_object().contains("/api/v1/site/logo"));

  // The CKAN status and the DCAT catalog carry the deployment's name.
  EXPECT_EQ(c.get("/api/3/action/status_show").json().at("result").at("site_title"), "潍坊市公共数据开放平台");
}

TEST_F(SiteTest, WithoutABrandTheNeutralPlatformAndNoLogo) {
  TestServer s("sqlite", {}, root_.string());
  Client c = s.client();
  auto j = c.get("/api/v1/site").json();
  EXPECT_EQ(j.at("name"), "公共数据开放平台");
  EXPECT_TRUE(j.at("logo_url").is_null());
  EXPECT_TRUE(j.at("icp").is_null());
  EXPECT_TRUE(j.at("region").is_null());
  for (const auto& [k, v] : j.at("contact").as_object()) EXPECT_TRUE(v.is_null()) << k;
  auto logo = c.get("/api/v1/site/logo");
  EXPECT_EQ(logo.status, 404);
  EXPECT_EQ(logo.error_code(), "not_found");
  auto page = c.get("/");
  EXPECT_NE(page.body.find("<title>公共数据开放平台</title>"), std::string::npos);
  EXPECT_NE(page.body.find("/favicon.svg"), std::string::npos) << "no logo: the app's icon stays";
}

TEST_F(SiteTest, NamesAreEscapedInThePage) {
  TestServer s("sqlite", "brand.name = \"A&B \\\"数据\\\" 平台\"\n", root_.string());
  auto page = s.client().get("/");
  EXPECT_NE(page.body.find("<title>A&amp;B &quot;数据&quot; 平台</title>"), std::string::npos) << page.body;
  EXPECT_EQ(embedded_site(page.body).at("name"), "A&B \"数据\" 平台");
  auto script = page.body.substr(page.body.find("kf-site"));
  EXPECT_EQ(script.substr(0, script.find("</script>")).find('&'), std::string::npos) << "& travels as \\u0026";
}

TEST_F(SiteTest, BrandSettingsThatWouldHurtThePortalStopTheStart) {
  auto refusal = [&](const std::string& toml) -> std::string {
    try {
      TestServer s("sqlite", toml);
    } catch (const std::runtime_error& e) {
      return e.what();
    }
    return "started";
  };
  EXPECT_NE(refusal("brand.colors.primary = \"#66aaff\"\n").find("brand.colors.primary 与白色文字的对比度为 2.3:1"),
            std::string::npos);
  EXPECT_NE(refusal("brand.logo = \"brand/missing.svg\"\n").find("brand.logo：无法读取"), std::string::npos);
  EXPECT_NE(refusal("brand.region = \"379999\"\n").find("行政区划代码不存在：379999"), std::string::npos);
  EXPECT_NE(refusal("brand.colour = \"#000000\"\n").find("未知的配置项 brand.colour"), std::string::npos);
  EXPECT_EQ(refusal("brand.logo = \"brand/weifang.svg\"\n"), "started");
}

TEST_F(SiteTest, PrecompressedFilesGoToClientsThatTakeThem) {
  TestServer s("sqlite", {}, root_.string());
  Client c = s.client();
  auto get = [&](const std::string& accept) {
    return c.request("GET", "/assets/app.js", {}, accept.empty() ? std::map<std::string, std::string>{}
                                                                 : std::map<std::string, std::string>{{"Accept-Encoding", accept}});
  };
  auto plain = get("");
  EXPECT_EQ(plain.body, "console.log('plain')");
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain.headers["vary"], "Accept-Encoding");
  auto gz = get("gzip, deflate");
  EXPECT_EQ(gz.body, "GZIP-BYTES");
  EXPECT_EQ(gz.headers["content-encoding"], "gzip");
  EXPECT_EQ(gz.headers["content-type"], "text/javascript; charset=utf-8");
  auto br = get("gzip, deflate, br");
  EXPECT_EQ(br.body, "BROTLI-BYTES");
  EXPECT_EQ(br.headers["content-encoding"], "br");
  EXPECT_EQ(get("br;q=0, gzip;q=0.8").headers["content-encoding"], "gzip");
  EXPECT_EQ(get("gzip;q=0").body, "console.log('plain')");
  EXPECT_EQ(get("*").headers["content-encoding"], "br");
  std::ofstream(root_ / "index.html.gz") << "GZIPPED-INDEX";
  auto index = c.request("GET", "/", {}, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(index.headers.count("content-encoding"), 0u) << "index.html is rewritten, never sent packed";
  EXPECT_NE(index.body.find("kf-site"), std::string::npos);
}

}  // namespace
}  // namespace kf::test
