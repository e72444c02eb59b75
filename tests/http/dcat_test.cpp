// DCAT-AP: /api/v1/dcat/catalog.ttl and .jsonld parse as RDF (checked by n3 / jsonld through
// tests/rdf/count-datasets.mjs) with exactly one dcat:Dataset per published entry; the same
// per dataset; literals escaped and Chinese kept, on both databases.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using DcatTest = BackendTest;

const std::filesystem::path kRoot = std::filesystem::path(KF_SOURCE_DATA_DIR).parent_path();

// Why the RDF check cannot run, or "" when it can.
std::string rdf_tool_missing() {
  if (std::system("node --version >/dev/null 2>&1") != 0) return "node is not installed";
  for (const char* pkg : {"n3", "jsonld"}) {
    if (!std::filesystem::exists(kRoot / "web" / "node_modules" / pkg / "package.json")) {
      return std::string("web/node_modules/") + pkg + " is missing: run `cd web && npm ci`";
    }
  }
  return {};
}

// Parses `body` as RDF with the node script; the script's JSON summary, or a failure.
json::value parse_rdf(const std::string& syntax, const std::string& body) {
  auto file = std::filesystem::temp_directory_path() /
              ("kf-dcat-" + std::to_string(::getpid()) + "-" + syntax + (syntax == "turtle" ? ".ttl" : ".jsonld"));
  std::ofstream(file, std::ios::binary) << body;
  std::string cmd = "node '" + (kRoot / "tests" / "rdf" / "count-datasets.mjs").string() + "' " + syntax + " '" +
                    file.string() + "' 2>&1";
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) {
    ADD_FAILURE() << "popen failed";
    return nullptr;
  }
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  std::filesystem::remove(file);
  if (rc != 0) {
    ADD_FAILURE() << syntax << " does not parse as RDF: " << out << "\n--- document:\n" << body;
    return nullptr;
  }
  return json::parse(out);
}

struct DcatWorld {
  explicit DcatWorld(TestServer& s) : w(s), c(w.login("transport")), admin(s.client()) {
    admin.login("admin", TestServer::kPassword);
  }
  void make(const std::string& code, const std::string& name, const std::string& summary, bool publish) {
    auto e = CatalogWorld::entry(code, name, {CatalogWorld::field("线路", "text", true)});
    e["summary"] = summary;
    e["keywords"] = json::array{"公交", "出行"};
    auto r = c.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
    if (!publish) return;
    auto job = w.upload(c, code, "d.csv", "线路\nK1\nK2\n");
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    auto p = admin.post("/api/v1/entries/" + code + "/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                        json::object{});
    if (p.status != 200) throw std::runtime_error(p.body);
  }
  CatalogWorld w;
  Client c;
  Client admin;
};

const std::string kTricky = "含\"引号\"、反斜杠 \\ 和\n换行\t制表 — 潍坊";

TEST_P(DcatTest, CatalogParsesWithOneDatasetPerPublishedEntry) {
  if (auto why = rdf_tool_missing(); !why.empty()) GTEST_SKIP() << "RDF check skipped: " << why;
  TestServer s(GetParam());
  DcatWorld d(s);
  d.make("DC-1", "公交线路信息", kTricky, true);
  d.make("DC-2", "公交站点", "站点位置。", true);
  d.make("DC-DRAFT", "草稿目录", "未发布。", false);
  Client anon = s.client();

  // Harvesters look at the root first; the API path serves the same document.
  auto ttl = anon.get("/catalog.ttl");
  ASSERT_EQ(ttl.status, 200u) << ttl.body;
  EXPECT_EQ(anon.get("/api/v1/dcat/catalog.ttl").body, ttl.body);
  EXPECT_TRUE(ttl.headers["content-type"].starts_with("text/turtle")) << ttl.headers["content-type"];
  auto t = parse_rdf("turtle", ttl.body);
  ASSERT_TRUE(t.is_object());
  EXPECT_EQ(t.at("datasets"), (json::array{"http://127.0.0.1/datasets/DC-1", "http://127.0.0.1/datasets/DC-2"}));
  EXPECT_EQ(t.at("catalogs"), 1);
  EXPECT_EQ(t.at("distributions"), 6);
  auto descriptions = t.at("descriptions").as_array();
  EXPECT_NE(std::find(descriptions.begin(), descriptions.end(), json::value(kTricky)), descriptions.end()) << ttl.body;
  EXPECT_NE(ttl.body.find("公交线路信息"), std::string::npos) << "Chinese stays UTF-8";
  EXPECT_NE(ttl.body.find("<http://publications.europa.eu/resource/authority/frequency/MONTHLY>"), std::string::npos);
  EXPECT_NE(ttl.body.find("<http://publications.europa.eu/resource/authority/access-right/PUBLIC>"), std::string::npos);
  EXPECT_NE(ttl.body.find("dcat:downloadURL <http://127.0.0.1/api/v1/datasets/DC-1/download?format=csv>"), std::string::npos);
  EXPECT_EQ(ttl.body.find("DC-DRAFT"), std::string::npos);

  EXPECT_NE(ttl.body.find("dct:license <http://127.0.0.1/licence>"), std::string::npos);
  auto jl = anon.get("/catalog.jsonld");
  ASSERT_EQ(jl.status, 200u) << jl.body;
  EXPECT_TRUE(jl.headers["content-type"].starts_with("application/ld+json")) << jl.headers["content-type"];
  auto j = parse_rdf("jsonld", jl.body);
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.at("datasets"), t.at("datasets"));
  EXPECT_EQ(j.at("distributions"), 6);
  EXPECT_EQ(j.at("triples"), t.at("triples")) << "both syntaxes carry the same graph";
  EXPECT_EQ(j.at("descriptions").as_array().size(), descriptions.size());

  // A newly published entry appears; a staff session sees the same public catalogue.
  d.make("DC-3", "公交票价", "票价。", true);
  auto again = parse_rdf("turtle", d.c.get("/api/v1/dcat/catalog.ttl").body);
  ASSERT_TRUE(again.is_object());
  EXPECT_EQ(again.at("datasets").as_array().size(), 3u);
}

TEST_P(DcatTest, OneDatasetInBothSyntaxes) {
  if (auto why = rdf_tool_missing(); !why.empty()) GTEST_SKIP() << "RDF check skipped: " << why;
  TestServer s(GetParam());
  DcatWorld d(s);
  d.make("DC-1", "公交线路信息", kTricky, true);
  d.make("DC-DRAFT", "草稿目录", "未发布。", false);
  Client anon = s.client();
  for (const auto& [ext, syntax] : {std::pair{"ttl", "turtle"}, std::pair{"jsonld", "jsonld"}}) {
    auto r = anon.get(std::string("/api/v1/dcat/datasets/DC-1.") + ext);
    ASSERT_EQ(r.status, 200u) << r.body;
    auto g = parse_rdf(syntax, r.body);
    ASSERT_TRUE(g.is_object());
    EXPECT_EQ(g.at("datasets"), (json::array{"http://127.0.0.1/datasets/DC-1"})) << ext;
    EXPECT_EQ(g.at("catalogs"), 0);
    EXPECT_EQ(g.at("distributions"), 3);
    EXPECT_EQ(anon.get(std::string("/api/v1/dcat/datasets/DC-DRAFT.") + ext).status, 404u);
    EXPECT_EQ(anon.get(std::string("/api/v1/dcat/datasets/NOPE.") + ext).status, 404u);
  }
  EXPECT_EQ(anon.get("/api/v1/dcat/datasets/DC-1.xml").status, 404u);
  // The provider's staff may describe their draft (no distributions yet).
  auto draft = parse_rdf("turtle", d.c.get("/api/v1/dcat/datasets/DC-DRAFT.ttl").body);
  ASSERT_TRUE(draft.is_object());
  EXPECT_EQ(draft.at("datasets").as_array().size(), 1u);
  EXPECT_EQ(draft.at("distributions"), 0);
}

TEST_P(DcatTest, IrisComeFromTheHostHeader) {
  TestServer s(GetParam());
  DcatWorld d(s);
  d.make("DC-1", "公交线路信息", "摘要", true);
  Client anon = s.client();
  auto r = anon.request("GET", "/api/v1/dcat/datasets/DC-1.jsonld", {}, {{"Host", "data.example.cn:8443"}});
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_NE(r.body.find("http://data.example.cn:8443/datasets/DC-1"), std::string::npos) << r.body;
  // A Host that could break out of an IRI is not used.
  auto bad = anon.request("GET", "/api/v1/dcat/datasets/DC-1.ttl", {}, {{"Host", "evil> <x"}});
  if (bad.status == 200u) {
    EXPECT_EQ(bad.body.find("evil"), std::string::npos);
    EXPECT_NE(bad.body.find("http://localhost/datasets/DC-1"), std::string::npos);
  }
}

}  // namespace

KF_BACKEND_SUITE(DcatTest);

}  // namespace kf::test
