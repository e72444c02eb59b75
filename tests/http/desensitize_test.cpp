// Desensitization at publication (MSK-6, CLS-4): a sensitive field without a rule blocks
// publication; the published version is the desensitized copy, and no raw sensitive value
// appears in its stored bytes, a download, an API answer or the server log. Also the scan
// (MSK-2), the before/after preview with k-anonymity (MSK-4, MSK-5) and raw reads by staff.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "catalog_fixture.h"
#include "core/id_number.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using DesensitizeTest = BackendTest;

struct Person {
  std::string id, name, mobile, district;
};

// Valid identity numbers (check digit, real birth date), mobiles and Chinese names.
std::vector<Person> people(int n) {
  static const char* surnames[] = {"王", "李", "张", "刘", "陈"};
  static const char* given[] = {"建国", "秀英", "志强", "丽娟", "海涛", "桂兰", "明"};
  static const char* districts[] = {"奎文区", "潍城区", "寒亭区"};
  std::vector<Person> out;
  for (int i = 0; i < n; ++i) {
    std::string first17 = "370705" + std::to_string(1960 + i % 40) + "0" + std::to_string(1 + i % 9) + "1" +
                          std::to_string(i % 10) + std::to_string(100 + i).substr(0, 3);
    first17 = first17.substr(0, 17);
    std::string id = first17 + core::id_number_check_char(first17);
    std::string mobile = "139" + std::to_string(10000000 + i * 7919).substr(0, 8);
    out.push_back({id, std::string(surnames[i % 5]) + given[i % 7], mobile, districts[i % 3]});
  }
  return out;
}

json::object personal_entry(const std::string& code) {
  auto f = [](const std::string& name, const std::string& label, const std::string& grade, bool key = false) {
    json::object o = CatalogWorld::field(name, "text", key);
    o["label"] = label;
    o["security_grade"] = grade;
    return o;
  };
  auto e = CatalogWorld::entry(code, "困难群众救助对象", {f("身份证号", "公民身份号码", "L4", true), f("姓名", "姓名", "L3"),
                                                          f("手机号", "联系电话", "L3"), f("区县", "区县", "L1")});
  e["contains_personal_data"] = true;
  e["security_level"] = "L4";  // not L1 with unconditional opening (CLS-4 / CLS-6)
  return e;
}

std::string csv_of(const std::vector<Person>& ps) {
  std::string csv = "身份证号,姓名,手机号,区县\n";
  for (const auto& p : ps) csv += p.id + "," + p.name + "," + p.mobile + "," + p.district + "\n";
  return csv;
}

json::array dictionary_with_rules(const std::string& id_rule, const std::string& name_rule,
                                  const std::string& mobile_rule) {
  json::array fields = personal_entry("X").at("fields").as_array();
  fields[0].as_object()["mask_rule"] = id_rule;
  fields[1].as_object()["mask_rule"] = name_rule;
  fields[2].as_object()["mask_rule"] = mobile_rule;
  return fields;
}

// Every stored byte of a version's table, as text.
std::string stored_bytes(TestServer& s, const std::string& storage) {
  std::string all;
  auto r = s.runtime().catalog->store().read(storage, [&](db::Connection& c, const std::string& table) -> Result<void> {
    KF_ASSIGN(auto rs, c.query("SELECT * FROM " + table));
    for (const auto& row : rs.rows) {
      for (std::size_t i = 0; i < row.size(); ++i) all += row.is_null(i) ? std::string("NULL") : row.text(i) + "|";
    }
    return kf::ok();
  });
  if (!r) throw std::runtime_error(r.error().message);
  if (s.runtime().pool->dialect() == db::Dialect::sqlite) {
    // The SQLite file itself, every page of it.
    auto path = std::filesystem::path(s.runtime().catalog->config().dataset_dir) / storage;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    all += ss.str();
  }
  return all;
}

TEST_P(DesensitizeTest, PublishedDataHoldsNoRawSensitiveValueAnywhere) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client provider = w.login("transport");
  Client admin = s.client();
  admin.login("admin", TestServer::kPassword);
  const auto ps = people(40);
  ASSERT_EQ(provider.post("/api/v1/entries", personal_entry("MSK-1")).status, 201);
  auto job = w.upload(provider, "MSK-1", "people.csv", csv_of(ps));
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  const std::string vid = std::to_string(job.at("version_id").as_int64());

  // The scan proposes kinds and rules for the provider to confirm.
  auto scan = provider.get("/api/v1/entries/MSK-1/versions/" + vid + "/scan");
  ASSERT_EQ(scan.status, 200) << scan.body;
  auto items = scan.json().at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].at("column"), "身份证号");
  EXPECT_EQ(items[0].at("kind"), "id_number");
  EXPECT_EQ(items[2].at("kind"), "mobile");
  EXPECT_FALSE(items[0].at("suggested_rule").as_string().empty());
  EXPECT_TRUE(items[3].at("kind").is_null());
  EXPECT_EQ(s.client().get("/api/v1/entries/MSK-1/versions/" + vid + "/scan").status, 401);
  EXPECT_EQ(w.login("market").get("/api/v1/entries/MSK-1/versions/" + vid + "/scan").status, 404);

  // Sensitive fields without rules block publication, naming the field.
  auto refused = admin.post("/api/v1/entries/MSK-1/versions/" + vid + "/publish", json::object{});
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.error_code(), "mask_rule_missing");
  EXPECT_NE(refused.error_message().find("公民身份号码"), std::string::npos) << refused.error_message();

  // Preview before / after with the rules being considered, and k-anonymity over 区县.
  auto pv = provider.post("/api/v1/entries/MSK-1/mask-preview",
                          {{"rules", {{"身份证号", "mask(keep_first=6,keep_last=4)"}, {"姓名", "mask(keep_first=1)"},
                                      {"手机号", "hash(alg=hmac-sm3)"}}},
                           {"quasi_identifiers", {"区县"}}, {"k", 15}, {"limit", 3}});
  ASSERT_EQ(pv.status, 200) << pv.body;
  auto before = pv.json().at("before").as_array();
  auto after = pv.json().at("after").as_array();
  ASSERT_EQ(before.size(), 3u);
  EXPECT_EQ(before[0].as_array()[0].as_string(), ps[0].id);
  EXPECT_EQ(after[0].as_array()[0].as_string(), ps[0].id.substr(0, 6) + "********" + ps[0].id.substr(14));
  EXPECT_EQ(after[0].as_array()[3].as_string(), ps[0].district);
  EXPECT_EQ(after[0].as_array()[2].as_string().size(), 32u);
  auto ka = pv.json().at("k_anonymity");
  EXPECT_EQ(ka.at("classes"), 3);
  EXPECT_EQ(ka.at("smallest_class"), 13);  // 40 rows over 3 districts: 14, 13, 13
  EXPECT_EQ(ka.at("rows_below_k"), 40);
  EXPECT_EQ(ka.at("satisfied"), false);
  auto bad_rule = provider.post("/api/v1/entries/MSK-1/mask-preview", {{"rules", {{"姓名", "mask(keep=1)"}}}});
  EXPECT_EQ(bad_rule.status, 400);
  EXPECT_NE(bad_rule.error_message().find("姓名"), std::string::npos) << bad_rule.error_message();
  EXPECT_EQ(provider.post("/api/v1/entries/MSK-1/mask-preview", {{"quasi_identifiers", {"无此列"}}}).status, 400);
  EXPECT_EQ(w.login("market").post("/api/v1/entries/MSK-1/mask-preview", json::object{}).status, 404);

  // The provider sets the rules; the authority publishes.
  auto dict = provider.request("PUT", "/api/v1/entries/MSK-1/dictionary",
                               json::serialize(json::object{
                                   {"fields", dictionary_with_rules("mask(keep_first=6,keep_last=4)", "mask(keep_first=1)",
                                                                    "hash(alg=hmac-sm3)")},
                                   {"reason", "设置脱敏规则"}}),
                               {{"X-CSRF-Token", provider.csrf}, {"Content-Type", "application/json"}});
  ASSERT_EQ(dict.status, 200) << dict.body;
  auto pub = admin.post("/api/v1/entries/MSK-1/versions/" + vid + "/publish", json::object{});
  ASSERT_EQ(pub.status, 200) << pub.body;

  Client anon = s.client();
  std::string seen;
  auto csv = anon.get("/api/v1/datasets/MSK-1/download?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(ps[0].id.substr(0, 6) + "********" + ps[0].id.substr(14)), std::string::npos) << csv.body;
  seen += csv.body;
  for (const char* path : {"/api/v1/datasets/MSK-1/download?format=json", "/api/v1/datasets/MSK-1/rows?$limit=100",
                           "/resource/MSK-1.json?$limit=100", "/api/v1/entries/MSK-1/preview?limit=100",
                           "/api/v1/entries/MSK-1/preview?limit=100&raw=1",
                           "/api/v1/datasets/MSK-1/rows?$where=%E5%A7%93%E5%90%8D%20like%20'%E7%8E%8B%25'"}) {
    auto r = anon.get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    seen += r.body;
  }
  // Staff see the published data desensitized too, and the raw rows only when they ask.
  auto staff_view = provider.get("/api/v1/entries/MSK-1/preview?limit=5");
  seen += staff_view.body;
  auto raw = provider.get("/api/v1/entries/MSK-1/preview?limit=5&raw=1");
  ASSERT_EQ(raw.status, 200);
  EXPECT_NE(raw.body.find(ps[0].id), std::string::npos);

  // The published version's stored bytes.
  auto conn = s.runtime().pool->acquire();
  ASSERT_TRUE(conn);
  auto rs = (*conn)->query("SELECT masked_storage FROM dataset_versions WHERE id = ?", {std::stoll(vid)});
  ASSERT_TRUE(rs && rs->rows.size() == 1 && !rs->rows[0].is_null(0));
  std::string stored = stored_bytes(s, rs->rows[0].text(0));
  EXPECT_NE(stored.find(ps[0].district), std::string::npos) << "the check reads real content";

  std::string log = captured_log();
  for (const auto& p : ps) {
    for (const std::string* raw_value : {&p.id, &p.name, &p.mobile}) {
      EXPECT_EQ(seen.find(*raw_value), std::string::npos) << "served: " << *raw_value;
      EXPECT_EQ(stored.find(*raw_value), std::string::npos) << "stored: " << *raw_value;
      EXPECT_EQ(log.find(*raw_value), std::string::npos) << "logged: " << *raw_value;
    }
  }

  // A published entry's dictionary changes only through a change request (CAT-3); an approved
  // change applies to the published data at once, and a sensitive field cannot lose its rule.
  auto direct = provider.request("PUT", "/api/v1/entries/MSK-1/dictionary",
                                 json::serialize(json::object{
                                     {"fields", dictionary_with_rules("suppress()", "mask(keep_first=1)", "hash()")},
                                     {"reason", "身份证号改为不公开"}}),
                                 {{"X-CSRF-Token", provider.csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(direct.status, 409);
  EXPECT_EQ(direct.error_code(), "change_request_required");
  auto lost = admin.request("PUT", "/api/v1/entries/MSK-1/dictionary",
                            json::serialize(json::object{
                                {"fields", dictionary_with_rules("mask(keep_first=6,keep_last=4)", "", "hash()")},
                                {"reason", "去掉姓名规则"}}),
                            {{"X-CSRF-Token", admin.csrf}, {"Content-Type", "application/json"}});
  EXPECT_EQ(lost.status, 400);
  EXPECT_EQ(lost.error_code(), "mask_rule_missing");
  auto changed = admin.request("PUT", "/api/v1/entries/MSK-1/dictionary",
                               json::serialize(json::object{
                                   {"fields", dictionary_with_rules("suppress()", "mask(keep_first=1)", "hash()")},
                                   {"reason", "身份证号改为不公开"}}),
                               {{"X-CSRF-Token", admin.csrf}, {"Content-Type", "application/json"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto now = anon.get("/api/v1/datasets/MSK-1/rows?$limit=1&$select=%E8%BA%AB%E4%BB%BD%E8%AF%81%E5%8F%B7");
  ASSERT_EQ(now.status, 200) << now.body;
  EXPECT_TRUE(now.json().at("rows").as_array()[0].at("身份证号").is_null()) << now.body;
}

TEST_P(DesensitizeTest, RowsInSmallClassesAreLeftOutOfThePublishedCopy) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client provider = w.login("transport");
  Client admin = s.client();
  admin.login("admin", TestServer::kPassword);
  auto e = CatalogWorld::entry("KA-1", "乘客满意度调查", {CatalogWorld::field("编号", "text", true), CatalogWorld::field("区县", "text"),
                                                           CatalogWorld::field("性别", "text")});
  e["quasi_identifiers"] = json::array{"区县", "性别"};
  e["k_anonymity"] = 1;
  EXPECT_EQ(provider.post("/api/v1/entries", e).status, 400) << "k is 0 or 2–1000";
  e["k_anonymity"] = 3;
  e["quasi_identifiers"] = json::array{"区县", "无此列"};
  EXPECT_EQ(provider.post("/api/v1/entries", e).status, 400);
  e["quasi_identifiers"] = json::array{"区县", "性别"};
  ASSERT_EQ(provider.post("/api/v1/entries", e).status, 201);
  // Classes (区县, 性别): 奎文/男 ×5, 潍城/女 ×3, 寒亭/男 ×1, 寒亭/女 ×1.
  std::string csv = "编号,区县,性别\n";
  int n = 0;
  auto add = [&](const char* d, const char* g, int times) {
    for (int i = 0; i < times; ++i) csv += "R" + std::to_string(++n) + "," + d + "," + g + "\n";
  };
  add("奎文区", "男", 5);
  add("潍城区", "女", 3);
  add("寒亭区", "男", 1);
  add("寒亭区", "女", 1);
  auto job = w.upload(provider, "KA-1", "s.csv", csv);
  ASSERT_EQ(job.at("state"), "succeeded");
  auto pub = admin.post("/api/v1/entries/KA-1/versions/" + std::to_string(job.at("version_id").as_int64()) + "/publish",
                        json::object{});
  ASSERT_EQ(pub.status, 200) << pub.body;
  auto rows = s.client().get("/api/v1/datasets/KA-1/rows?$limit=100");
  ASSERT_EQ(rows.status, 200);
  EXPECT_EQ(rows.json().at("rows").as_array().size(), 8u);
  EXPECT_EQ(rows.body.find("寒亭区"), std::string::npos);
  EXPECT_NE(captured_log().find("\"suppressed_rows\":2"), std::string::npos);
  // The raw version keeps every row for the provider.
  auto raw = provider.get("/api/v1/entries/KA-1/preview?limit=100&raw=1");
  EXPECT_EQ(raw.json().at("rows").as_array().size(), 10u);
}

KF_BACKEND_SUITE(DesensitizeTest);

}  // namespace
}  // namespace kf::test
