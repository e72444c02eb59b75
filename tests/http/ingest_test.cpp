// Uploads through the API into versions (PUB-1..3), on both databases: encodings, formats,
// validation in both modes, check digits, zip bombs, proposals, preview.
#include "catalog_fixture.h"
#include "ingest/test_util.h"

namespace kf::test {
namespace {

namespace json = boost::json;
namespace it = kf::ingest::testing;
using IngestTest = BackendTest;

class Uploads {
 public:
  explicit Uploads(TestServer& s) : w(s), c(w.login("transport")), admin(s.client()) {
    admin.login("admin", TestServer::kPassword);
  }
  void make_entry(const std::string& code, json::array fields) {
    auto r = c.post("/api/v1/entries", CatalogWorld::entry(code, "测试目录 " + code, std::move(fields)));
    if (r.status != 201) throw std::runtime_error(r.body);
  }
  CatalogWorld w;
  Client c;
  Client admin;
};

json::array people_fields() {
  json::object id = CatalogWorld::field("身份证号", "text");
  id["check"] = "id_number";
  id["security_grade"] = "L4";
  json::object age = CatalogWorld::field("年龄", "integer");
  age["min"] = "0";
  age["max"] = "150";
  json::object district = CatalogWorld::field("所在区", "text");
  district["allowed_values"] = json::array{"奎文区", "潍城区", "寒亭区", "坊子区"};
  return {CatalogWorld::field("编号", "integer", true), CatalogWorld::field("姓名", "text"), id, age, district};
}

TEST_P(IngestTest, GbkCsvExportedFromExcelWithChineseHeaders) {
  TestServer s(GetParam());
  Uploads u(s);
  u.make_entry("GBK-1", {CatalogWorld::field("站点名称", "text", true), CatalogWorld::field("日均客流", "integer"),
                         CatalogWorld::field("统计日期", "date")});
  std::string csv = "站点名称,日均客流,统计日期\r\n火车站,12850,2026/10/1\r\n\"人民广场,东\",9630,2026-10-01\r\n";
  auto job = u.w.upload(u.c, "GBK-1", "客流.csv", it::encode(csv, "GBK"));
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  EXPECT_EQ(job.at("report").at("encoding"), "GB18030");
  EXPECT_EQ(job.at("accepted"), 2);
  auto preview = u.c.get("/api/v1/entries/GBK-1/preview?version=" + std::to_string(job.at("version_id").as_int64())).json();
  EXPECT_EQ(preview.at("rows").at(1).at("站点名称"), "人民广场,东");
  EXPECT_EQ(preview.at("rows").at(0).at("统计日期"), "2026-10-01");  // normalised
  EXPECT_EQ(preview.at("rows").at(0).at("日均客流"), 12850);
}

TEST_P(IngestTest, Utf16CsvAndEmbeddedNewlinesAndNdjson) {
  TestServer s(GetParam());
  Uploads u(s);
  u.make_entry("ENC-1", {CatalogWorld::field("编号", "integer", true), CatalogWorld::field("说明", "text")});
  std::string csv = "编号\t说明\r\n1\t\"第一行\r\n第二行，含\"\"引号\"\"\"\r\n2\t普通\r\n";
  auto utf16 = std::string("\xFF\xFE") + it::encode(csv, "UTF-16LE");
  auto job = u.w.upload(u.c, "ENC-1", "说明.csv", utf16);
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  EXPECT_EQ(job.at("report").at("encoding"), "UTF-16LE");
  EXPECT_EQ(job.at("report").at("delimiter"), "\t");
  auto vid = std::to_string(job.at("version_id").as_int64());
  auto rows = u.c.get("/api/v1/entries/ENC-1/preview?version=" + vid).json().at("rows");
  EXPECT_EQ(rows.at(0).at("说明"), "第一行\r\n第二行，含\"引号\"");

  auto nd = u.w.upload(u.c, "ENC-1", "rows.ndjson", "{\"编号\": 3, \"说明\": \"甲\"}\n{\"编号\": 4, \"说明\": null}\n");
  ASSERT_EQ(nd.at("state"), "succeeded") << json::serialize(nd);
  EXPECT_EQ(nd.at("accepted"), 2);
  auto versions = u.c.get("/api/v1/entries/ENC-1/versions").json().at("items").as_array();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].at("number"), 2);
  EXPECT_EQ(versions[0].at("format"), "ndjson");
  EXPECT_EQ(versions[0].at("sha256").as_string().size(), 64u);
}

TEST_P(IngestTest, XlsxWithSharedStringsAndDates) {
  TestServer s(GetParam());
  Uploads u(s);
  u.make_entry("XL-1", {CatalogWorld::field("医院", "text", true), CatalogWorld::field("床位数", "integer"),
                        CatalogWorld::field("开业日期", "date")});
  it::XlsxSpec spec;
  spec.shared = {"<t>医院</t>", "<t>床位数</t>", "<t>开业日期</t>", "<t>潍坊市人民医院</t>", "<t>潍坊市中医院</t>"};
  spec.sheets = {{"说明", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>封面</t></is></c></row>"},
                 {"数据",
                  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>2</v></c></row>"
                  "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\"><v>2100</v></c><c r=\"C2\" s=\"1\"><v>17899</v></c></row>"
                  "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>4</v></c><c r=\"C3\" s=\"1\"><v>32874</v></c></row>"}};
  it::TempDir dir;
  std::string path = dir.file("医院.xlsx");
  it::write_zip(path, it::xlsx_parts(spec));
  auto r = u.c.request("POST", "/api/v1/entries/XL-1/uploads?mode=reject&filename=h.xlsx&sheet=%E6%95%B0%E6%8D%AE",
                       it::read_file(path), {{"X-CSRF-Token", u.c.csrf}});
  ASSERT_EQ(r.status, 202) << r.body;
  json::object job;
  for (int i = 0; i < 500; ++i) {
    job = u.c.get("/api/v1/jobs/" + std::to_string(r.json().at("id").as_int64())).json().as_object();
    if (job.at("state") != "queued" && job.at("state") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  auto rows = u.c.get("/api/v1/entries/XL-1/preview?version=" + std::to_string(job.at("version_id").as_int64()))
                  .json().at("rows");
  EXPECT_EQ(rows.at(0).at("医院"), "潍坊市人民医院");
  EXPECT_EQ(rows.at(0).at("开业日期"), "1949-01-01");
  EXPECT_EQ(rows.at(1).at("开业日期"), "1990-01-01");
  EXPECT_TRUE(rows.at(1).at("床位数").is_null());
}

TEST_P(IngestTest, ThreeBadRowsInBothModesAndTheCountsAddUp) {
  TestServer s(GetParam());
  Uploads u(s);
  u.make_entry("PPL-1", people_fields());
  std::string csv =
      "编号,姓名,身份证号,年龄,所在区\n"
      "1,张三,11010519491231002X,76,奎文区\n"
      "2,李四,110105194912310021,30,潍城区\n"     // bad check digit
      "3,王五,11010519491231002X,200,寒亭区\n"    // age out of range
      "4,赵六,11010519491231002X,40,朝阳区\n"     // not an allowed district
      "5,钱七,11010519491231002X,41,坊子区\n";
  auto rejected = u.w.upload(u.c, "PPL-1", "people.csv", csv, "reject");
  EXPECT_EQ(rejected.at("state"), "rejected");
  EXPECT_EQ(rejected.at("rows_read"), 5);
  EXPECT_EQ(rejected.at("accepted").as_int64() + rejected.at("rejected").as_int64(), 5);
  EXPECT_EQ(rejected.at("rejected"), 3);
  EXPECT_TRUE(rejected.at("version_id").is_null());
  EXPECT_TRUE(u.c.get("/api/v1/entries/PPL-1/versions").json().at("items").as_array().empty());
  auto errors = rejected.at("report").at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].at("row"), 2);
  EXPECT_EQ(errors[0].at("column"), "身份证号");
  EXPECT_EQ(errors[1].at("column"), "年龄");
  EXPECT_EQ(errors[2].at("column"), "所在区");
  // No identity number in the report, the API answer or the log.
  std::string body = json::serialize(rejected);
  EXPECT_EQ(body.find("110105194912310021"), std::string::npos);
  EXPECT_EQ(captured_log().find("110105194912310021"), std::string::npos);

  auto kept = u.w.upload(u.c, "PPL-1", "people.csv", csv, "quarantine");
  ASSERT_EQ(kept.at("state"), "succeeded") << json::serialize(kept);
  EXPECT_EQ(kept.at("accepted"), 2);
  EXPECT_EQ(kept.at("rejected"), 3);
  auto rej_csv = u.c.get("/api/v1/jobs/" + std::to_string(kept.at("id").as_int64()) + "/rejected.csv");
  ASSERT_EQ(rej_csv.status, 200);
  EXPECT_NE(rej_csv.body.find("原因"), std::string::npos);
  EXPECT_NE(rej_csv.body.find("朝阳区"), std::string::npos);
  int lines = 0;
  for (char ch : rej_csv.body) lines += ch == '\n';
  EXPECT_EQ(lines, 4);  // header + 3 rows
  auto versions = u.c.get("/api/v1/entries/PPL-1/versions").json().at("items").as_array();
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].at("row_count"), 2);
  EXPECT_EQ(versions[0].at("rejected_count"), 3);
  // Another provider cannot read the job or its rejected rows (they hold personal data).
  Client market = u.w.login("market");
  EXPECT_EQ(market.get("/api/v1/jobs/" + std::to_string(kept.at("id").as_int64()) + "/rejected.csv").status, 404);
}

TEST_P(IngestTest, ZipBombAndBrokenFilesFailWithClearMessages) {
  TestServer s(GetParam());
  Uploads u(s);
  u.make_entry("ZB-1", {CatalogWorld::field("a", "text")});
  it::XlsxSpec spec;
  std::string huge = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>";
  huge += std::string(60u << 20, ' ');
  spec.sheets = {{"Sheet1", huge}};
  it::TempDir dir;
  std::string path = dir.file("bomb.xlsx");
  it::write_zip(path, it::xlsx_parts(spec));
  auto job = u.w.upload(u.c, "ZB-1", "bomb.xlsx", it::read_file(path));
  EXPECT_EQ(job.at("state"), "failed");
  EXPECT_NE(std::string(job.at("message").as_string()).find("压缩炸弹"), std::string::npos) << json::serialize(job);

  auto not_zip = u.w.upload(u.c, "ZB-1", "x.xlsx", "this is not a zip file");
  EXPECT_EQ(not_zip.at("state"), "failed");
  EXPECT_FALSE(not_zip.at("message").as_string().empty());
  auto bad_format = u.c.request("POST", "/api/v1/entries/ZB-1/uploads?mode=reject&filename=x.pdf", "%PDF",
                                {{"X-CSRF-Token", u.c.csrf}});
  EXPECT_EQ(bad_format.status, 400);
  auto bad_mode = u.c.request("POST", "/api/v1/entries/ZB-1/uploads?mode=maybe&filename=x.csv", "a\n1\n",
                              {{"X-CSRF-Token", u.c.csrf}});
  EXPECT_EQ(bad_mode.json().at("error").at("field"), "mode");
  auto missing_col = u.w.upload(u.c, "ZB-1", "x.csv", "b\n1\n");
  EXPECT_EQ(missing_col.at("state"), "failed");
}

TEST_P(IngestTest, WithoutADictionaryADictionaryIsProposed) {
  TestServer s(GetParam());
  Uploads u(s);
  u.make_entry("NEW-1", {});
  auto job = u.w.upload(u.c, "NEW-1", "x.csv", "企业名称,注册资本,成立日期\n潍坊甲公司,100.5,2020-01-02\n潍坊乙公司,20,2021-03-04\n");
  ASSERT_EQ(job.at("state"), "proposed") << json::serialize(job);
  EXPECT_TRUE(job.at("version_id").is_null());
  auto fields = job.at("proposed_fields").as_array();
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[1].at("type"), "decimal");
  EXPECT_EQ(fields[2].at("type"), "date");
  // Adopting the proposal, then uploading again, gives a version.
  auto dict = u.c.request("PUT", "/api/v1/entries/NEW-1/dictionary",
                          json::serialize(json::object{{"fields", fields}, {"reason", "采用推断的数据字典"}}),
                          {{"X-CSRF-Token", u.c.csrf}});
  ASSERT_EQ(dict.status, 200) << dict.body;
  auto again = u.w.upload(u.c, "NEW-1", "x.csv", "企业名称,注册资本,成立日期\n潍坊甲公司,100.5,2020-01-02\n");
  EXPECT_EQ(again.at("state"), "succeeded") << json::serialize(again);
}

TEST_P(IngestTest, PublishingSwitchesTheServedVersion) {
  TestServer s(GetParam());
  Uploads u(s);
  u.make_entry("PUB-1", {CatalogWorld::field("k", "integer", true), CatalogWorld::field("v", "text")});
  auto v1 = u.w.upload(u.c, "PUB-1", "a.csv", "k,v\n1,旧\n");
  auto v2 = u.w.upload(u.c, "PUB-1", "b.csv", "k,v\n1,新\n2,新\n");
  ASSERT_EQ(v1.at("state"), "succeeded");
  ASSERT_EQ(v2.at("state"), "succeeded");
  auto id1 = std::to_string(v1.at("version_id").as_int64());
  auto id2 = std::to_string(v2.at("version_id").as_int64());
  ASSERT_EQ(u.admin.post("/api/v1/entries/PUB-1/versions/" + id1 + "/publish", json::object{}).status, 200);
  Client anon = s.client();
  EXPECT_EQ(anon.get("/api/v1/entries/PUB-1/preview").json().at("rows").at(0).at("v"), "旧");
  EXPECT_EQ(anon.get("/api/v1/entries/PUB-1").json().at("row_count"), 1);
  ASSERT_EQ(u.admin.post("/api/v1/entries/PUB-1/versions/" + id2 + "/publish", json::object{}).status, 200);
  EXPECT_EQ(anon.get("/api/v1/entries/PUB-1/preview").json().at("rows").at(0).at("v"), "新");
  EXPECT_EQ(anon.get("/api/v1/entries/PUB-1").json().at("row_count"), 2);
  // The old version stays readable by the provider, not by the public.
  EXPECT_EQ(u.c.get("/api/v1/entries/PUB-1/preview?version=" + id1).json().at("rows").at(0).at("v"), "旧");
  EXPECT_EQ(anon.get("/api/v1/entries/PUB-1/preview?version=" + id1).status, 404);
  auto versions = u.c.get("/api/v1/entries/PUB-1/versions").json().at("items").as_array();
  EXPECT_EQ(versions[0].at("state"), "published");
  EXPECT_EQ(versions[1].at("state"), "superseded");
  // The key column of every version is indexed (lookups by key in the data API).
  auto admin = catalog::Actor::system("test");
  auto stored = s.runtime().catalog->versions(&admin, "PUB-1");
  ASSERT_TRUE(stored);
  for (const auto& v : *stored) {
    auto table = s.runtime().catalog->store().open(v.storage);
    ASSERT_TRUE(table) << table.error().detail;
    auto& conn = (*table)->connection();
    auto rs = conn.dialect() == db::Dialect::sqlite
                  ? conn.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rows'")
                  : conn.query("SELECT COUNT(*) FROM pg_indexes WHERE schemaname || '.' || tablename = ?", {v.storage});
    ASSERT_TRUE(rs) << rs.error().detail;
    EXPECT_EQ(rs->rows[0].int64(0), 1) << v.storage;
  }
}

KF_BACKEND_SUITE(IngestTest);

}  // namespace
}  // namespace kf::test
