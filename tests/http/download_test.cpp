// Downloads of published data (CSV, JSON, XLSX) streamed in chunks, with ETags, Chinese file
// names and the data access rules, on both databases.
#include <filesystem>
#include <fstream>

#include "catalog_fixture.h"
#include "ingest/reader.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using DownloadTest = BackendTest;

struct Published {
  explicit Published(TestServer& s) : w(s), c(w.login("transport")), admin(s.client()) {
    admin.login("admin", TestServer::kPassword);
  }
  void make(const std::string& code, const std::string& open, const std::string& csv) {
    auto e = CatalogWorld::entry(code, "公交线路信息", {CatalogWorld::field("线路", "text", true),
                                                       CatalogWorld::field("票价", "decimal"),
                                                       CatalogWorld::field("夜班", "boolean")});
    e["open_attribute"] = open;
    if (open != "unconditional") {
      e["legal_basis"] = "《公共数据开放办法》";
      e["open_conditions"] = "签署协议";
    }
    auto r = c.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
    auto job = w.upload(c, code, "lines.csv", csv);
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    auto p = admin.post("/api/v1/entries/" + code + "/versions/" + std::to_string(job.at("version_id").as_int64()) +
                            "/publish",
                        json::object{});
    if (p.status != 200) throw std::runtime_error(p.body);
  }
  CatalogWorld w;
  Client c;
  Client admin;
};

std::string lines_csv(int n) {
  std::string csv = "线路,票价,夜班\n";
  for (int i = 0; i < n; ++i) csv += "K" + std::to_string(i) + "," + (i % 2 ? "1.5" : "2") + "," + (i % 3 ? "否" : "是") + "\n";
  return csv;
}

TEST_P(DownloadTest, CsvJsonAndXlsxOfThePublishedVersion) {
  TestServer s(GetParam());
  Published p(s);
  p.make("DL-1", "unconditional", lines_csv(3) + "\"K,逗号\",3,是\n");
  Client anon = s.client();
  auto csv = anon.get("/api/v1/datasets/DL-1/download?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers["transfer-encoding"], "chunked");
  EXPECT_EQ(csv.body, "线路,票价,夜班\r\nK0,2,1\r\nK1,1.5,0\r\nK2,2,0\r\n\"K,逗号\",3,1\r\n");
  EXPECT_NE(csv.headers["content-disposition"].find("filename*=UTF-8''%E5%85%AC%E4%BA%A4"), std::string::npos)
      << csv.headers["content-disposition"];
  auto bom = anon.get("/api/v1/datasets/DL-1/download?format=csv&bom=1");
  EXPECT_TRUE(bom.body.starts_with("\xEF\xBB\xBF线路"));

  auto js = anon.get("/api/v1/datasets/DL-1/download?format=json");
  ASSERT_EQ(js.status, 200);
  auto rows = json::parse(js.body).as_array();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].at("线路"), "K0");
  EXPECT_EQ(rows[0].at("夜班"), true);
  EXPECT_EQ(rows[1].at("票价").as_double(), 1.5);

  auto xl = anon.get("/api/v1/datasets/DL-1/download?format=xlsx");
  ASSERT_EQ(xl.status, 200);
  EXPECT_TRUE(xl.body.starts_with("PK"));
  // Read it back with the platform's own XLSX reader.
  auto path = std::filesystem::temp_directory_path() / ("kf-dl-" + std::to_string(::getpid()) + ".xlsx");
  std::ofstream(path, std::ios::binary) << xl.body;
  ingest::ReaderOptions ro;
  ro.format = ingest::Format::xlsx;
  auto reader = ingest::open_reader(path.string(), ro);
  ASSERT_TRUE(reader) << reader.error().message;
  EXPECT_EQ((*reader)->header(), (std::vector<std::string>{"线路", "票价", "夜班"}));
  ingest::Record rec;
  int n = 0;
  while (*(*reader)->next(rec)) {
    if (n == 3) {
      EXPECT_EQ(rec[0].value_or(""), "K,逗号");
    }
    ++n;
  }
  EXPECT_EQ(n, 4);
  std::filesystem::remove(path);

  EXPECT_EQ(anon.get("/api/v1/datasets/DL-1/download?format=pdf").status, 400);
  EXPECT_EQ(anon.get("/api/v1/datasets/NOPE/download").status, 404);
}

TEST_P(DownloadTest, EtagAnswers304UntilANewVersionIsPublished) {
  TestServer s(GetParam());
  Published p(s);
  p.make("DL-2", "unconditional", lines_csv(2));
  Client anon = s.client();
  auto first = anon.get("/api/v1/datasets/DL-2/download");
  std::string etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  auto again = anon.request("GET", "/api/v1/datasets/DL-2/download", {}, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  auto job = p.w.upload(p.c, "DL-2", "v2.csv", lines_csv(5));
  ASSERT_EQ(p.admin.post("/api/v1/entries/DL-2/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                         json::object{}).status, 200);
  auto changed = anon.request("GET", "/api/v1/datasets/DL-2/download", {}, {{"If-None-Match", etag}});
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(changed.headers["etag"], etag);
  EXPECT_EQ(changed.headers["x-row-count"], "5");
}

TEST_P(DownloadTest, ConditionalDataIsOnlyForStaffAndSaysHowToApply) {
  TestServer s(GetParam());
  Published p(s);
  p.make("DL-3", "conditional", lines_csv(2));
  Client anon = s.client();
  EXPECT_EQ(anon.get("/api/v1/entries/DL-3").status, 200);  // the metadata is public
  for (const char* target : {"/api/v1/datasets/DL-3/download", "/api/v1/entries/DL-3/preview"}) {
    auto r = anon.get(target);
    EXPECT_EQ(r.status, 403) << target;
    EXPECT_EQ(r.error_code(), "login_required");
    EXPECT_NE(r.error_message().find("申请"), std::string::npos);
  }
  Client citizen = s.session_as("user");
  EXPECT_EQ(citizen.get("/api/v1/datasets/DL-3/download").status, 403);
  EXPECT_EQ(p.c.get("/api/v1/datasets/DL-3/download").status, 200);  // the provider's own staff
}

TEST_P(DownloadTest, HealthChecksAnswerWhileALargeDownloadIsInProgress) {
  TestServer s(GetParam());
  Published p(s);
  p.make("DL-4", "unconditional", lines_csv(60000));
  // A raw client that asks for the download and reads only a little of it.
  boost::asio::io_context ioc;
  boost::asio::ip::tcp::socket sock(ioc);
  sock.connect({boost::asio::ip::make_address("127.0.0.1"), s.port()});
  boost::asio::write(sock, boost::asio::buffer(std::string(
                               "GET /api/v1/datasets/DL-4/download HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")));
  char buf[4096];
  std::size_t got = sock.read_some(boost::asio::buffer(buf));
  EXPECT_GT(got, 0u);
  // The download is paused by back-pressure; other requests are served meanwhile.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.client().get("/healthz").status, 200);
  // Then the rest arrives complete.
  std::string rest(buf, got);
  boost::system::error_code ec;
  while (!ec) {
    std::size_t n = sock.read_some(boost::asio::buffer(buf), ec);
    rest.append(buf, n);
  }
  EXPECT_NE(rest.find("K59999,1.5,0"), std::string::npos);
  EXPECT_TRUE(rest.ends_with("0\r\n\r\n"));  // the last chunk
}

KF_BACKEND_SUITE(DownloadTest);

}  // namespace
}  // namespace kf::test
