// Conditional data (issue 13) over HTTP, on SQLite and PostgreSQL, with the real calendar and the
// test clock: applications under the Shandong, Lishui and Hangzhou profiles through every stage
// with their due dates, a return for correction, a refusal with its legal ground, the Lishui
// quarterly round and a disputed demand, the agreement signed by "同意并保存", and the grant
// enforced on every read path (granted fields only, download by profile, quota → 429, suspension
// at once, expiry → 403, every access in the log); dishonest lists and user grades refuse.
#include "catalog_fixture.h"

#include <openssl/evp.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>

#include <fmt/format.h>

namespace kf::test {
namespace {

namespace json = boost::json;
using ApplyTest = BackendTest;

constexpr std::int64_t kJune22Morning = 1782090000000LL;  // 2026-06-22 09:00 China time, a Monday
constexpr std::int64_t kDay = 24LL * 3600 * 1000;
constexpr const char* kLongSessions =
    "security.session_idle_minutes = 525600\nsecurity.session_ttl_minutes = 525600\n";
const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

// An XLSX workbook of one sheet with these rows (strings), as bytes.
std::string xlsx_of(const std::vector<std::vector<std::string>>& rows) {
  const std::string path = testing::TempDir() + "/dishonest-" + std::to_string(::getpid()) + ".xlsx";
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), rows[r][c].c_str(), nullptr);
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::remove(path.c_str());
  return bytes;
}

// The text of a PDF as poppler's pdftotext reads it (the install script provides poppler-utils).
std::string pdf_text(const std::string& pdf) {
  const std::string path = testing::TempDir() + "/agreement-" + std::to_string(::getpid()) + ".pdf";
  {
    std::ofstream out(path, std::ios::binary);
    out << pdf;
  }
  std::string text;
  if (FILE* p = ::popen(("pdftotext -enc UTF-8 -raw '" + path + "' - 2>&1").c_str(), "r")) {
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    ::pclose(p);
  }
  std::remove(path.c_str());
  return text;
}

std::string sha256(const std::string& s) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), md, &len, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", md[i]);
  return out;
}

// A bureau, a provider with a published conditional entry of four fields, and a verified company
// user with an API key.
struct World {
  World(TestServer& s, const std::string& region, const std::string& city)
      : server(s),
        w(s),
        bureau_org(org(s, city + "大数据局", "authority", region)),
        provider_org(org(s, city + "行政审批服务局", "provider", region)),
        bureau(user(s, w, "bureau", "authority", bureau_org)),
        provider(user(s, w, "provider", "provider", provider_org)) {
    publish("QY-1");
  }
  static std::int64_t org(TestServer& s, const std::string& name, const std::string& kind, const std::string& region) {
    return s.runtime().access->create_org({name, kind, "city", region, std::nullopt})->id;
  }
  static Client user(TestServer& s, CatalogWorld& w, const std::string& name, const std::string& role, std::int64_t org_id) {
    s.make_user(name, role, org_id);
    return w.login(name);
  }

  void publish(const std::string& code) {
    auto e = CatalogWorld::entry(code, "企业登记信息" + code,
                                 {CatalogWorld::field("企业名称", "text", true), CatalogWorld::field("统一社会信用代码", "text"),
                                  CatalogWorld::field("法定代表人", "text"), CatalogWorld::field("注册资本", "decimal")},
                                 "市场监管");
    e["fields"].as_array()[2].as_object()["mask_rule"] = "mask(keep_first=1)";
    e["region_code"] = server.runtime().access->get_org(provider_org)->region_code;
    e["open_attribute"] = "conditional";
    e["open_conditions"] = "用于企业征信服务，签署开放利用协议";
    e["legal_basis"] = "《企业信息公示暂行条例》第八条";
    auto r = provider.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
    auto job = w.upload(provider, code, "firms.csv",
                        "企业名称,统一社会信用代码,法定代表人,注册资本\n"
                        "甲公司,91110000100006485K,王五,100.5\n乙公司,11100000000013127D,赵六,200\n");
    auto submitted = provider.post("/api/v1/entries/" + code + "/submit", {{"version_id", job.at("version_id")}});
    if (submitted.status != 201) throw std::runtime_error(submitted.body);
    auto id = submitted.json().at("id").as_int64();
    for (int guard = 0; guard < 8; ++guard) {
      auto c = bureau.get("/api/v1/cases/" + std::to_string(id)).json();
      if (c.at("state") == "approved") return;
      Client& who = c.at("assignee_role") == "provider" ? provider : bureau;
      auto a = who.post("/api/v1/cases/" + std::to_string(id) + "/actions", {{"action", "approve"}});
      if (a.status != 200) throw std::runtime_error(a.body);
    }
    throw std::runtime_error("not published");
  }

  // A company (with its credit code) and a verified member who applies for it.
  struct Company {
    std::int64_t org_id = 0;
    Client session;
    std::string api_key;
  };
  Company company(const std::string& username, const std::string& name, const std::string& credit_code,
                  const std::string& id_number) {
    auto& access = *server.runtime().access;
    access::NewOrg o{name, "enterprise", "city", server.runtime().access->get_org(provider_org)->region_code, std::nullopt};
    o.credit_code = credit_code;
    auto org = access.create_org(o);
    if (!org) throw std::runtime_error(org.error().message);
    server.make_user(username, "user", org->id);
    Company c{org->id, w.login(username), {}};
    auto v = c.session.post("/api/v1/me/verify", {{"name", "张三丰"}, {"id_number", id_number}});
    if (v.status != 200) throw std::runtime_error(v.body);
    c.api_key = c.session.post("/api/v1/me/api-keys", {{"name", "征信系统"}}).json().at("key").as_string();
    return c;
  }

  std::int64_t upload_pdf(Client& c, const std::string& kind = "credit_report") {
    auto r = c.request("POST", "/api/v1/applications/attachments?kind=" + kind + "&name=report.pdf", kPdf,
                       {{"X-CSRF-Token", c.csrf}, {"Content-Type", "application/pdf"}});
    if (r.status != 201) throw std::runtime_error(r.body);
    return r.json().at("id").as_int64();
  }

  static json::object form(std::int64_t org_id, std::int64_t attachment, json::array channels) {
    return {{"entry_code", "QY-1"},
            {"org_id", org_id},
            {"form",
             {{"contact_name", "李四"},
              {"contact_phone", "13800138000"},
              {"app_name", "企业信用查询服务"},
              {"domain", "金融"},
              {"scenario", "为小微企业贷款提供企业登记信息核验"},
              {"system_name", "征信平台"},
              {"machine_room", "本地机房"},
              {"protection_level", 3},
              {"protection_filing_no", "33010099999-00001"}}},
            {"fields", json::array{"企业名称", "统一社会信用代码", "注册资本"}},
            {"channels", std::move(channels)},
            {"months", 12},
            {"commitment_accepted", true},
            {"conditions_confirmed", true},
            {"attachments", json::array{attachment}}};
  }

  TestServer& server;
  CatalogWorld w;
  std::int64_t bureau_org = 0, provider_org = 0;
  Client bureau, provider;
};

Reply act(Client& c, std::int64_t id, json::object body) {
  return c.post("/api/v1/applications/" + std::to_string(id) + "/actions", body);
}

Reply with_key(TestServer& s, const std::string& key, const std::string& target) {
  return s.client().request("GET", target, {}, {{"X-Api-Key", key}});
}

std::set<std::string> keys_of(const json::value& row) {
  std::set<std::string> out;
  for (const auto& kv : row.as_object()) out.insert(std::string(kv.key()));
  return out;
}

std::string stage_of(Client& c, std::int64_t id) {
  return std::string(c.get("/api/v1/applications/" + std::to_string(id)).json().at("stage").at("key").as_string());
}

// Signs the agreement as the applicant and checks what was kept.
void sign(Client& applicant, std::int64_t id) {
  const std::string path = "/api/v1/applications/" + std::to_string(id);
  auto draft = applicant.get(path + "/agreement").json();
  EXPECT_EQ(draft.at("signed"), false);
  EXPECT_NE(draft.at("text").as_string().find("企业登记信息QY-1"), std::string::npos);
  EXPECT_EQ(act(applicant, id, {{"action", "approve"}}).status, 400) << "approving the agreement stage is signing it";
  EXPECT_EQ(applicant.post(path + "/agreement", {{"agree", false}}).status, 400);
  auto signed_ = applicant.post(path + "/agreement", {{"agree", true}});
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  auto kept = applicant.get(path + "/agreement").json();
  EXPECT_EQ(kept.at("signed"), true);
  EXPECT_EQ(kept.at("signer"), "张**");
  EXPECT_EQ(kept.at("sha256"), json::value(sha256(std::string(kept.at("text").as_string()))));
  EXPECT_NE(kept.at("text").as_string().find("乙方签署人：张**"), std::string::npos);
  EXPECT_EQ(applicant.get(path + "/agreement.md").body, std::string(kept.at("text").as_string()));
  // The PDF rendering: the signed text in Chinese, with its SHA-256, as poppler reads it back.
  auto pdf = applicant.get(path + "/agreement.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  const std::string text = pdf_text(pdf.body);
  EXPECT_NE(text.find("公共数据开放利用协议"), std::string::npos) << text;
  EXPECT_NE(text.find("企业登记信息QY-1"), std::string::npos) << text;
  EXPECT_NE(text.find("乙方签署人：张**"), std::string::npos) << text;
  EXPECT_NE(text.find(std::string(kept.at("sha256").as_string())), std::string::npos) << text;
  EXPECT_EQ(applicant.get(path + "/agreement.pdf").body, pdf.body) << "the same agreement renders to the same bytes";
}

TEST_P(ApplyTest, ShandongApplicationThroughGrantAndEnforcement) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"shandong\"\n");
  s.clock().set(kJune22Morning);
  World world(s, "370700", "潍坊市");
  auto acme = world.company("acme", "潍坊数智科技有限公司", "91370700MA3C4XKQ52", "11010519491231002X");

  // Shandong does not grade users.
  EXPECT_EQ(acme.session.post("/api/v1/grade-applications", {{"grade", "AA"}}).status, 503);

  // Without an application the data is refused, saying how to get it.
  auto before = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
  EXPECT_EQ(before.status, 403);
  EXPECT_EQ(before.json().at("error").at("code"), "apply_required");
  EXPECT_EQ(before.json().at("error").at("action"), "apply");

  // Materials: PDF / images only, kept with their SHA-256.
  auto bad = acme.session.request("POST", "/api/v1/applications/attachments?kind=credit_report&name=a.exe", "MZ\x90\x00",
                                  {{"X-CSRF-Token", acme.session.csrf}, {"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(bad.status, 400);
  auto up = acme.session.request("POST", "/api/v1/applications/attachments?kind=credit_report&name=信用报告.pdf", kPdf,
                                 {{"X-CSRF-Token", acme.session.csrf}, {"Content-Type", "application/pdf"}});
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.json().at("sha256"), json::value(sha256(kPdf)));
  const std::int64_t report = up.json().at("id").as_int64();

  // An unverified user may not apply; a form without the commitment is refused with its field.
  Client unverified = s.session_as("user");
  auto refused = unverified.post("/api/v1/applications", World::form(acme.org_id, report, {"api"}));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json().at("error").at("code"), "verification_required");
  auto no_commitment = World::form(acme.org_id, report, {"api", "download"});
  no_commitment["commitment_accepted"] = false;
  auto r0 = acme.session.post("/api/v1/applications", no_commitment);
  EXPECT_EQ(r0.status, 400);
  EXPECT_EQ(r0.json().at("error").at("field"), "commitment_accepted");

  auto submitted = acme.session.post("/api/v1/applications", World::form(acme.org_id, report, {"api", "download"}));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto id = submitted.json().at("id").as_int64();
  EXPECT_EQ(submitted.json().at("stage").at("key"), "normative_review");
  EXPECT_EQ(submitted.json().at("due_date"), "2026-06-29") << "normative review: 5 working days (Shandong art. 14(2))";
  EXPECT_EQ(acme.session.post("/api/v1/applications", World::form(acme.org_id, world.upload_pdf(acme.session), {"api"})).status,
            409)
      << "one open application per applicant and entry";

  // The bureau returns it for correction with reasons; the applicant resubmits.
  s.clock().advance(std::chrono::milliseconds(2 * kDay));  // Wednesday 24 June
  EXPECT_EQ(act(world.bureau, id, {{"action", "return"}}).status, 400) << "a return states its reasons";
  auto returned = act(world.bureau, id, {{"action", "return"}, {"comment", "信用报告须为近三个月内出具"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("state"), "returned");
  auto resubmitted = act(acme.session, id, {{"action", "resubmit"}, {"comment", "已更换信用报告"}});
  ASSERT_EQ(resubmitted.status, 200) << resubmitted.body;
  EXPECT_EQ(resubmitted.json().at("stage").at("key"), "normative_review");
  EXPECT_EQ(resubmitted.json().at("due_date"), "2026-07-01");

  auto normative = act(world.bureau, id, {{"action", "approve"}, {"comment", "材料齐全"}});
  ASSERT_EQ(normative.status, 200) << normative.body;
  EXPECT_EQ(normative.json().at("stage").at("key"), "provider_review");
  EXPECT_EQ(normative.json().at("due_date"), "2026-07-08") << "provider review: 10 working days";
  // The provider sees the demand list and the materials.
  auto seen = world.provider.get("/api/v1/applications/" + std::to_string(id)).json();
  EXPECT_EQ(seen.at("panel").at("fields").as_array().size(), 3u);
  EXPECT_EQ(seen.at("panel").at("attachments").as_array()[0].at("sha256"), json::value(sha256(kPdf)));
  EXPECT_EQ(world.provider.get("/api/v1/applications/attachments/" + std::to_string(report)).body, kPdf);
  EXPECT_EQ(s.session_as("user").get("/api/v1/applications/attachments/" + std::to_string(report)).status, 404);
  // A provider's refusal must name its legal ground; granting fields outside the demand is refused.
  auto no_ground = act(world.provider, id, {{"action", "reject"}, {"comment", "不同意"}});
  EXPECT_EQ(no_ground.status, 400);
  EXPECT_EQ(no_ground.json().at("error").at("field"), "legal_ground");
  EXPECT_EQ(act(world.provider, id, {{"action", "approve"}, {"granted_fields", json::array{"法定代表人"}}}).status, 400);
  auto approved = act(world.provider, id,
                      {{"action", "approve"},
                       {"comment", "同意开放企业名称和注册资本"},
                       {"granted_fields", json::array{"企业名称", "注册资本"}},
                       {"calls_per_day", 9}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json().at("stage").at("key"), "agreement");

  sign(acme.session, id);
  EXPECT_EQ(stage_of(acme.session, id), "grant");
  auto granted = act(world.provider, id, {{"action", "approve"}, {"comment", "已开通"}});
  ASSERT_EQ(granted.status, 200) << granted.body;
  EXPECT_EQ(granted.json().at("state"), "approved");
  const auto grant = granted.json().at("panel").at("grant");
  EXPECT_EQ(grant.at("expires_on"), "2027-06-24");
  EXPECT_EQ(grant.at("fields"), (json::array{"企业名称", "注册资本"}));
  const std::string grant_path = "/api/v1/grants/" + std::to_string(grant.at("id").as_int64());
  // The authority is told (Shandong art. 14(3)).
  bool told = false;
  const json::value inbox = world.bureau.get("/api/v1/me/inbox").json();
  for (const auto& n : inbox.at("items").as_array()) {
    told = told || n.at("kind") == "grant_opened";
  }
  EXPECT_TRUE(told);

  // Exactly the granted fields, on every read path.
  const std::set<std::string> granted_fields{"企业名称", "注册资本"};
  auto rows = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
  ASSERT_EQ(rows.status, 200) << rows.body;
  EXPECT_EQ(rows.headers["x-access-decision"], "rows; fields");
  EXPECT_EQ(keys_of(rows.json().at("rows").as_array()[0]), granted_fields);
  EXPECT_EQ(rows.json().at("rows").as_array()[0].at("企业名称"), "甲公司");
  auto soda = with_key(s, acme.api_key, "/resource/QY-1.json");
  ASSERT_EQ(soda.status, 200) << soda.body;
  EXPECT_EQ(keys_of(soda.json().as_array()[0]), granted_fields);
  auto ckan = with_key(s, acme.api_key, "/api/3/action/datastore_search?resource_id=QY-1");
  ASSERT_EQ(ckan.status, 200) << ckan.body;
  EXPECT_EQ(keys_of(ckan.json().at("result").at("records").as_array()[0]), granted_fields);
  auto csv = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/download?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body << " (Shandong lets conditional data be downloaded)";
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\r')), "企业名称,注册资本");
  EXPECT_EQ(csv.body.find("王五"), std::string::npos);
  auto hidden = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows?$where=%E6%B3%95%E5%AE%9A%E4%BB%A3%E8%A1%A8%E4%BA%BA%3D'%E7%8E%8B%E4%BA%94'");
  EXPECT_EQ(hidden.status, 400) << "a field outside the grant cannot even be filtered on";

  // Every access is in the log, for the provider and the authority; nobody else sees it.
  auto uses = world.provider.get(grant_path + "/uses").json().at("items").as_array();
  ASSERT_EQ(uses.size(), 4u);
  std::set<std::string> channels;
  for (const auto& u : uses) {
    channels.insert(std::string(u.at("channel").as_string()));
    EXPECT_EQ(u.at("username"), "acme");
    EXPECT_EQ(u.at("fields"), (json::array{"企业名称", "注册资本"}));
  }
  EXPECT_EQ(channels, (std::set<std::string>{"rows", "soda", "ckan_datastore", "download_csv"}));
  EXPECT_EQ(uses[0].at("rows"), 2);
  EXPECT_EQ(world.bureau.get(grant_path + "/uses").status, 200);
  EXPECT_EQ(s.session_as("user").get(grant_path + "/uses").status, 404);

  // Quota: 9 calls a day, then 429 until the next day.
  int answered = 4;
  for (; answered < 20; ++answered) {
    auto r = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
    if (r.status != 200) {
      EXPECT_EQ(r.status, 429);
      EXPECT_EQ(r.json().at("error").at("code"), "quota_exceeded");
      break;
    }
  }
  EXPECT_EQ(answered, 9);
  s.clock().advance(std::chrono::milliseconds(kDay));
  EXPECT_EQ(with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows").status, 200);

  // Suspension takes effect on the next request; restoring serves again. Only the provider and
  // the authority may do it.
  EXPECT_EQ(acme.session.post(grant_path + "/sanctions", {{"action", "suspend"}, {"reason", "自行暂停"}}).status, 403);
  auto suspended = world.provider.post(grant_path + "/sanctions", {{"action", "suspend"}, {"reason", "发现超范围使用"}});
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  auto after = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
  EXPECT_EQ(after.status, 403);
  EXPECT_EQ(after.json().at("error").at("code"), "grant_suspended");
  EXPECT_NE(after.json().at("error").at("message").as_string().find("发现超范围使用"), std::string::npos);
  EXPECT_EQ(world.bureau.post(grant_path + "/sanctions",
                              {{"action", "rectify"}, {"reason", "限期整改"}, {"rectify_by", "2026-07-31"}})
                .json()
                .at("rectify_by"),
            "2026-07-31");
  EXPECT_EQ(world.bureau.post(grant_path + "/sanctions", {{"action", "restore"}, {"reason", "已整改"}}).status, 200);
  EXPECT_EQ(with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows").status, 200);
  EXPECT_EQ(acme.session.get(grant_path).json().at("events").as_array().size(), 3u) << "the holder's credit record";

  // A change of terms (APP-4 变更) is an application naming the grant: when its grant opens, the
  // old one ends at once and its record names the new one; the API then reads the new terms.
  auto change_form = World::form(acme.org_id, world.upload_pdf(acme.session), {"api"});
  change_form["amends"] = grant.at("id");
  change_form["renews"] = grant.at("id");
  EXPECT_EQ(acme.session.post("/api/v1/applications", change_form).status, 400) << "renewal and change are separate";
  change_form.erase("renews");
  change_form["amends"] = 999999;
  EXPECT_EQ(acme.session.post("/api/v1/applications", change_form).json().at("error").at("field"), "amends");
  change_form["amends"] = grant.at("id");
  auto change = acme.session.post("/api/v1/applications", change_form);
  ASSERT_EQ(change.status, 201) << change.body;
  EXPECT_NE(change.json().at("title").as_string().find("协议变更申请"), std::string::npos);
  const auto change_id = change.json().at("id").as_int64();
  ASSERT_EQ(act(world.bureau, change_id, {{"action", "approve"}}).status, 200);
  ASSERT_EQ(act(world.provider, change_id, {{"action", "approve"}, {"granted_fields", json::array{"企业名称"}}}).status, 200);
  auto change_text = acme.session.get("/api/v1/applications/" + std::to_string(change_id) + "/agreement").json();
  EXPECT_NE(change_text.at("text").as_string().find(fmt::format("本协议变更授权 {} 所依据协议", grant.at("id").as_int64())),
            std::string::npos);
  sign(acme.session, change_id);
  auto changed = act(world.provider, change_id, {{"action", "approve"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  const auto new_grant = changed.json().at("panel").at("grant");
  EXPECT_NE(new_grant.at("id"), grant.at("id"));
  auto old_grant = acme.session.get(grant_path).json();
  EXPECT_EQ(old_grant.at("expires_on"), new_grant.at("starts_on")) << "the replaced grant ends when the new one opens";
  EXPECT_EQ(old_grant.at("events").as_array().back().at("action"), "superseded");
  auto after_change = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
  ASSERT_EQ(after_change.status, 200) << after_change.body;
  EXPECT_EQ(keys_of(after_change.json().at("rows").as_array()[0]), (std::set<std::string>{"企业名称"}));

  // Shandong sets no re-evaluation period: the entry is listed without a due date.
  auto listed = world.provider.get("/api/v1/reevaluations");
  ASSERT_EQ(listed.status, 200) << listed.body;
  auto reevaluations = listed.json().at("items").as_array();
  ASSERT_EQ(reevaluations.size(), 1u);
  EXPECT_TRUE(reevaluations[0].at("due_on").is_null());

  // Expiry: the day after the agreement's term, 403 with the reason.
  s.clock().advance(std::chrono::milliseconds(370 * kDay));
  auto expired = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
  EXPECT_EQ(expired.status, 403);
  EXPECT_EQ(expired.json().at("error").at("code"), "grant_expired");

  // Shandong does not publish the list of holders.
  EXPECT_EQ(s.client().get("/api/v1/grant-holders").status, 503);
  EXPECT_EQ(s.client().get("/api/v1/violations").status, 503) << "Shandong does not publish sanctions";
  auto in_english = s.client().request("GET", "/api/v1/violations", {}, {{"Accept-Language", "en"}});
  EXPECT_EQ(in_english.json().at("error").at("message"), "The rules here do not publish violations and the measures taken");
}

TEST_P(ApplyTest, RefusalsDishonestListsAndAProviderRefusalWithItsGround) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"shandong\"\n");
  s.clock().set(kJune22Morning);
  World world(s, "370700", "潍坊市");
  auto listed = world.company("listed", "某失信企业有限公司", "91370700MA3C4XKQ52", "11010519491231002X");
  auto other = world.company("other", "守信科技有限公司", "91110000100006485K", "11010519491231002X");

  // The authority imports a list; invalid lines are reported without their values.
  auto imported = world.bureau.post("/api/v1/dishonest-lists",
                                    {{"kind", "严重违法失信"},
                                     {"source", "信用中国（山东潍坊）"},
                                     {"listed_on", "2026-06-01"},
                                     {"csv", "企业名称,统一社会信用代码\n某失信企业有限公司,91370700MA3C4XKQ52\n错误,91370700MA3C4XKQ5X\n"}});
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.json().at("added"), 1);
  ASSERT_EQ(imported.json().at("problems").as_array().size(), 1u);
  EXPECT_EQ(imported.json().at("problems").as_array()[0], "第 3 行：统一社会信用代码的校验位不正确");
  EXPECT_EQ(world.provider.post("/api/v1/dishonest-lists", {{"kind", "经营异常"}, {"source", "x"}, {"listed_on", "2026-06-01"},
                                                             {"csv", "统一社会信用代码\n"}})
                .status,
            403);
  // The same from an XLSX file (the first sheet); problems name the sheet row.
  const std::string file_route =
      "/api/v1/dishonest-lists/file?kind=%E7%BB%8F%E8%90%A5%E5%BC%82%E5%B8%B8&source=%E4%BF%A1%E7%94%A8%E4%B8%AD%E5%9B%BD"
      "&listed_on=2026-06-02&name=";
  const std::string xlsx = xlsx_of({{"姓名", "身份证号码"}, {"某某", "110101199003074477"}, {"某某", "110101199003074478"}});
  auto from_xlsx = world.bureau.request("POST", file_route + "list.xlsx", xlsx,
                                        {{"X-CSRF-Token", world.bureau.csrf}, {"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(from_xlsx.status, 201) << from_xlsx.body;
  EXPECT_EQ(from_xlsx.json().at("added"), 1);
  ASSERT_EQ(from_xlsx.json().at("problems").as_array().size(), 1u);
  EXPECT_EQ(from_xlsx.json().at("problems").as_array()[0].as_string().rfind("第 3 行：", 0), 0u) << from_xlsx.body;
  EXPECT_EQ(from_xlsx.body.find("110101199003074478"), std::string::npos) << "the number is not echoed";
  auto xls = world.bureau.request("POST", file_route + "list.xls", xlsx,
                                  {{"X-CSRF-Token", world.bureau.csrf}, {"Content-Type", "application/octet-stream"}});
  EXPECT_EQ(xls.status, 400);
  EXPECT_EQ(world.provider
                .request("POST", file_route + "list.xlsx", xlsx,
                         {{"X-CSRF-Token", world.provider.csrf}, {"Content-Type", "application/octet-stream"}})
                .status,
            403);

  auto refused = listed.session.post("/api/v1/applications", World::form(listed.org_id, world.upload_pdf(listed.session), {"api"}));
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json().at("error").at("code"), "dishonest_listed");
  EXPECT_NE(refused.json().at("error").at("message").as_string().find("严重违法失信"), std::string::npos);
  EXPECT_EQ(world.bureau.get("/api/v1/dishonest-lists").json().at("items").as_array().size(), 2u);

  // An application the provider refuses, stating the legal ground: back to the applicant with the reasons.
  auto submitted = other.session.post("/api/v1/applications", World::form(other.org_id, world.upload_pdf(other.session), {"api"}));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto id = submitted.json().at("id").as_int64();
  ASSERT_EQ(act(world.bureau, id, {{"action", "approve"}}).status, 200);
  auto rejected = act(world.provider, id,
                      {{"action", "reject"},
                       {"comment", "所需数据项涉及法定代表人个人信息"},
                       {"legal_ground", "《个人信息保护法》第十三条"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_NE(rejected.json().at("state"), "open");
  auto history = other.session.get("/api/v1/applications/" + std::to_string(id)).json();
  EXPECT_EQ(history.at("panel").at("legal_ground"), "《个人信息保护法》第十三条");
  bool reasons = false;
  for (const auto& e : history.at("history").as_array()) reasons = reasons || e.at("comment") == "所需数据项涉及法定代表人个人信息";
  EXPECT_TRUE(reasons);
  EXPECT_EQ(with_key(s, other.api_key, "/api/v1/datasets/QY-1/rows").status, 403);
}

TEST_P(ApplyTest, LishuiGradesRoundsDisputeAndNoDownload) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"lishui\"\n");
  s.clock().set(kJune22Morning);
  World world(s, "331100", "丽水市");
  auto acme = world.company("acme", "丽水数智科技有限公司", "91370700MA3C4XKQ52", "11010519491231002X");

  // Grades (Lishui art. 10): an A-grade company may not apply; AA may.
  auto graded = world.bureau.post("/api/v1/user-grades",
                                  {{"org_id", acme.org_id}, {"grade", "A"}, {"evidence", {{"protection_level", 2}}}});
  ASSERT_EQ(graded.status, 200) << graded.body;
  auto low = acme.session.post("/api/v1/applications", World::form(acme.org_id, world.upload_pdf(acme.session), {"api"}));
  EXPECT_EQ(low.status, 403);
  EXPECT_EQ(low.json().at("error").at("code"), "grade_required");
  EXPECT_EQ(world.bureau.post("/api/v1/user-grades", {{"org_id", acme.org_id}, {"grade", "AAAA"}}).status, 400);
  ASSERT_EQ(world.bureau.post("/api/v1/user-grades",
                              {{"org_id", acme.org_id},
                               {"grade", "AA"},
                               {"evidence", {{"protection_level", 3}, {"filing_no", "33110099999-00001"}}}})
                .status,
            200);
  EXPECT_EQ(s.client().get("/api/v1/user-grades").json().at("items").as_array()[0].at("name"), "丽水数智科技有限公司");

  // Download is not a channel of restricted data here (Zhejiang art. 20).
  auto download = acme.session.post("/api/v1/applications", World::form(acme.org_id, world.upload_pdf(acme.session), {"download"}));
  EXPECT_EQ(download.status, 400);
  EXPECT_EQ(download.json().at("error").at("field"), "channels");

  auto submitted = acme.session.post("/api/v1/applications", World::form(acme.org_id, world.upload_pdf(acme.session), {"api"}));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto id = submitted.json().at("id").as_int64();
  EXPECT_EQ(submitted.json().at("due_date"), "2026-07-13") << "normative review: 15 working days (Lishui art. 11(2))";
  s.clock().advance(std::chrono::milliseconds(10 * kDay));  // Thursday 2 July
  auto normative = act(world.bureau, id, {{"action", "approve"}});
  ASSERT_EQ(normative.status, 200) << normative.body;
  EXPECT_EQ(normative.json().at("stage").at("key"), "provider_review");
  EXPECT_EQ(normative.json().at("due_date"), "2026-09-30") << "the quarterly round 2 July falls in (Lishui art. 11(3))";

  // A disputed demand goes to a coordination meeting: the authority is told, the case stays.
  auto disputed = act(world.provider, id, {{"action", "escalate"}, {"comment", "对使用范围有疑义，请求召集协调会议"}});
  ASSERT_EQ(disputed.status, 200) << disputed.body;
  EXPECT_EQ(disputed.json().at("stage").at("key"), "provider_review");
  bool told = false;
  const json::value inbox = world.bureau.get("/api/v1/me/inbox").json();
  for (const auto& n : inbox.at("items").as_array()) told = told || n.at("kind") == "escalated";
  EXPECT_TRUE(told);
  s.clock().advance(std::chrono::milliseconds(7 * kDay));  // Thursday 9 July, after the meeting
  auto reviewed = act(world.provider, id, {{"action", "approve"}, {"comment", "协调会议同意"}});
  ASSERT_EQ(reviewed.status, 200) << reviewed.body;
  EXPECT_EQ(reviewed.json().at("stage").at("key"), "re_review");
  EXPECT_EQ(reviewed.json().at("due_date"), "2026-07-30") << "re-review: 15 working days (Lishui art. 11(4))";
  ASSERT_EQ(act(world.bureau, id, {{"action", "approve"}}).status, 200);
  sign(acme.session, id);
  EXPECT_EQ(stage_of(acme.session, id), "filing");
  auto filed = act(world.provider, id, {{"action", "approve"}, {"comment", "协议已报主管部门备案"}});
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(filed.json().at("state"), "approved");
  EXPECT_EQ(filed.json().at("panel").at("grant").at("app_due"), "2026-10-09") << "the application within 3 months (art. 21)";

  EXPECT_EQ(with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows").status, 200);
  auto file = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/download?format=csv");
  EXPECT_EQ(file.status, 403);
  EXPECT_EQ(file.json().at("error").at("code"), "channel_not_allowed");
  // The public list of holders (Zhejiang art. 16).
  auto holders = s.client().get("/api/v1/grant-holders");
  ASSERT_EQ(holders.status, 200) << holders.body;
  ASSERT_EQ(holders.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(holders.json().at("items").as_array()[0].at("holder_name"), "丽水数智科技有限公司");
  EXPECT_EQ(holders.json().at("items").as_array()[0].at("expires_on"), "2027-07-09");

  // The application built on the data (art. 21): a reminder 10 days before 9 October, then an
  // overdue mark the holder and the provider hear of, each once.
  auto count = [&](Client& c, const std::string& kind) {
    const json::value messages = c.get("/api/v1/me/inbox").json();
    std::size_t n = 0;
    for (const auto& m : messages.at("items").as_array()) n += m.at("kind").as_string() == kind ? 1 : 0;
    return n;
  };
  const std::string grant_path =
      "/api/v1/grants/" + std::to_string(filed.json().at("panel").at("grant").at("id").as_int64());
  s.clock().set(kJune22Morning + 100 * kDay);  // 30 September
  ASSERT_TRUE(s.runtime().workflow->tick());
  ASSERT_TRUE(s.runtime().workflow->tick());
  EXPECT_EQ(count(acme.session, "app_due"), 1u);
  EXPECT_EQ(acme.session.get(grant_path).json().at("app_overdue"), false);
  s.clock().set(kJune22Morning + 110 * kDay);  // 10 October
  ASSERT_TRUE(s.runtime().workflow->tick());
  ASSERT_TRUE(s.runtime().workflow->tick());
  EXPECT_EQ(count(acme.session, "app_overdue"), 1u);
  EXPECT_EQ(count(world.provider, "app_overdue"), 1u);
  EXPECT_EQ(acme.session.get(grant_path).json().at("app_overdue"), true);

  // The periodic usage report (Lishui art. 7; the profile's 6 months): due 9 January, a reminder
  // 10 days before, an overdue mark the holder and the provider hear of, each once; filing it
  // clears the mark, and no next report is asked for after the grant ends (9 July 2027).
  EXPECT_EQ(acme.session.get(grant_path).json().at("report_due"), "2027-01-09");
  s.clock().set(kJune22Morning + 192 * kDay);  // 31 December
  ASSERT_TRUE(s.runtime().workflow->tick());
  ASSERT_TRUE(s.runtime().workflow->tick());
  EXPECT_EQ(count(acme.session, "report_due"), 1u);
  EXPECT_EQ(count(world.provider, "report_due"), 0u);
  s.clock().set(kJune22Morning + 202 * kDay);  // 10 January 2027
  ASSERT_TRUE(s.runtime().workflow->tick());
  ASSERT_TRUE(s.runtime().workflow->tick());
  EXPECT_EQ(count(acme.session, "report_overdue"), 1u);
  EXPECT_EQ(count(world.provider, "report_overdue"), 1u);
  EXPECT_EQ(acme.session.get(grant_path).json().at("report_overdue"), true);
  auto filed_report = acme.session.post(grant_path + "/reports", {{"kind", "usage_report"},
                                                                 {"attachment_id", world.upload_pdf(acme.session, "usage_report")},
                                                                 {"note", "2026 年下半年利用情况"}});
  ASSERT_EQ(filed_report.status, 201) << filed_report.body;
  EXPECT_EQ(acme.session.get(grant_path).json().at("report_overdue"), false);
  EXPECT_TRUE(acme.session.get(grant_path).json().at("report_due").is_null());

  // A month before the grant ends: the holder is reminded to renew, once.
  s.clock().set(kJune22Morning + 360 * kDay);  // 17 June 2027
  ASSERT_TRUE(s.runtime().workflow->tick());
  ASSERT_TRUE(s.runtime().workflow->tick());
  EXPECT_EQ(count(acme.session, "grant_expiring"), 1u);
  // Renewing before expiry (agreement art. 8.2) is an application naming the grant.
  const std::int64_t grant_id = filed.json().at("panel").at("grant").at("id").as_int64();
  auto renewal_form = World::form(acme.org_id, world.upload_pdf(acme.session), {"api"});
  renewal_form["renews"] = 999999;
  auto wrong = acme.session.post("/api/v1/applications", renewal_form);
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.json().at("error").at("field"), "renews");
  renewal_form = World::form(acme.org_id, world.upload_pdf(acme.session), {"api"});
  renewal_form["renews"] = grant_id;
  auto renewal = acme.session.post("/api/v1/applications", renewal_form);
  ASSERT_EQ(renewal.status, 201) << renewal.body;
  EXPECT_NE(renewal.json().at("title").as_string().find("续期申请"), std::string::npos);
  auto renewal_case = acme.session.get("/api/v1/applications/" + std::to_string(renewal.json().at("id").as_int64())).json();
  EXPECT_EQ(renewal_case.at("panel").at("renews"), grant_id);

  // Sanctions are published here (Lishui art. 24): a suspension with its reason, the holder named.
  EXPECT_TRUE(s.client().get("/api/v1/violations").json().at("items").as_array().empty());
  auto suspended = world.provider.post(grant_path + "/sanctions", {{"action", "suspend"}, {"reason", "超出约定范围向第三方提供数据"}});
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  auto violations = s.client().get("/api/v1/violations");
  ASSERT_EQ(violations.status, 200) << violations.body;
  const json::value listed = violations.json();
  ASSERT_EQ(listed.at("items").as_array().size(), 1u);
  const auto& v = listed.at("items").as_array()[0];
  EXPECT_EQ(v.at("measure"), "suspend");
  EXPECT_EQ(v.at("measure_label"), "暂停授权");
  EXPECT_EQ(v.at("holder_name"), "丽水数智科技有限公司");
  EXPECT_EQ(v.at("entry_code"), "QY-1");
  EXPECT_EQ(v.at("reason"), "超出约定范围向第三方提供数据");
  EXPECT_EQ(v.at("on"), "2027-06-17");

  // CLS-5: the conditional entry, published 22 June 2026, is re-evaluated every 12 months; the
  // provider is told once when it falls due and records a conclusion.
  auto due_list = world.provider.get("/api/v1/reevaluations");
  ASSERT_EQ(due_list.status, 200) << due_list.body;
  ASSERT_EQ(due_list.json().at("items").as_array().size(), 1u);
  EXPECT_EQ(due_list.json().at("items").as_array()[0].at("due_on"), "2027-06-22");
  EXPECT_TRUE(due_list.json().at("items").as_array()[0].at("last").is_null());
  EXPECT_EQ(acme.session.get("/api/v1/reevaluations").status, 403);
  EXPECT_EQ(count(world.provider, "reevaluation_due"), 0u) << "not due on 17 June";
  s.clock().set(kJune22Morning + 366 * kDay);  // 23 June 2027
  Client provider = world.w.login("provider");  // a year on, the sessions have ended
  Client bureau = world.w.login("bureau");
  ASSERT_TRUE(s.runtime().workflow->tick());
  ASSERT_TRUE(s.runtime().workflow->tick());
  EXPECT_EQ(count(provider, "reevaluation_due"), 1u);
  s.clock().set(kJune22Morning + 367 * kDay);
  ASSERT_TRUE(s.runtime().workflow->tick());
  EXPECT_EQ(count(provider, "reevaluation_due"), 1u) << "told once per due date";
  const std::string reevaluate = "/api/v1/entries/QY-1/reevaluations";
  auto no_reason = provider.post(reevaluate, {{"conclusion", "keep"}});
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.json().at("error").at("field"), "note");
  EXPECT_EQ(provider.post(reevaluate, {{"conclusion", "open"}}).status, 400);
  EXPECT_EQ(bureau.post(reevaluate, {{"conclusion", "keep"}, {"note", "x"}}).status, 403);
  auto kept = provider.post(reevaluate, {{"conclusion", "keep"}, {"note", "仍含法定代表人信息，脱敏后无法满足征信核验需要"}});
  ASSERT_EQ(kept.status, 201) << kept.body;
  EXPECT_EQ(kept.json().at("due_on"), "2028-06-24");
  auto after = bureau.get("/api/v1/reevaluations").json().at("items").as_array()[0];
  EXPECT_EQ(after.at("due_on"), "2028-06-24");
  EXPECT_EQ(after.at("last").at("conclusion"), "keep");
  auto convert = provider.post(reevaluate, {{"conclusion", "convert"}, {"note", "可脱敏后无条件开放"}});
  ASSERT_EQ(convert.status, 201) << convert.body;
  EXPECT_EQ(convert.json().at("next"), "catalog_change") << "converting is a catalog change the authority reviews";
  auto entry = s.client().get("/api/v1/entries/QY-1").json();
  EXPECT_EQ(entry.at("open_attribute"), "conditional") << "the entry stays conditional until the change is approved";
}

// Lishui art. 10: a grading application reviewed by the authority (materials, then the rating
// with the providers' and experts' opinion), with one return for correction and its due dates;
// the grade gates applying; a grant ended for a violation lowers the holder's grade (art. 24).
TEST_P(ApplyTest, LishuiGradingProcedureAndDowngradeOnViolation) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"lishui\"\n");
  s.clock().set(kJune22Morning);
  World world(s, "331100", "丽水市");
  auto acme = world.company("acme", "丽水数智科技有限公司", "91370700MA3C4XKQ52", "11010519491231002X");
  auto grade_act = [&](Client& c, std::int64_t id, json::object body) {
    return c.post("/api/v1/grade-applications/" + std::to_string(id) + "/actions", body);
  };
  auto request = [&](const std::string& grade, int level, bool certificate) {
    json::array atts{world.upload_pdf(acme.session)};
    if (certificate) atts.push_back(world.upload_pdf(acme.session, "protection_certificate"));
    return json::object{{"org_id", acme.org_id},
                        {"grade", grade},
                        {"protection_level", level},
                        {"protection_filing_no", level ? "33110099999-00001" : ""},
                        {"certificates", "ISO 27001 信息安全管理体系认证"},
                        {"enterprise_type", "私营企业"},
                        {"attachments", atts}};
  };

  auto before = acme.session.get("/api/v1/me/grade");
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.json().at("apply_grade"), "AA");
  EXPECT_EQ(before.json().at("procedure"), true);
  auto bad = acme.session.post("/api/v1/grade-applications", request("AAAA", 3, true));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("error").at("field"), "grade");
  auto weak = acme.session.post("/api/v1/grade-applications", request("AA", 1, false));
  EXPECT_EQ(weak.status, 400) << "AA needs a system of 等保 level 2 or above";
  EXPECT_EQ(weak.json().at("error").at("field"), "protection_level");
  auto no_proof = acme.session.post("/api/v1/grade-applications", request("AA", 3, false));
  EXPECT_EQ(no_proof.status, 400);
  EXPECT_EQ(no_proof.json().at("error").at("field"), "attachments");

  auto submitted = acme.session.post("/api/v1/grade-applications", request("AA", 3, true));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::int64_t id = submitted.json().at("id").as_int64();
  EXPECT_EQ(submitted.json().at("stage").at("key"), "material_review");
  EXPECT_EQ(submitted.json().at("due_date"), "2026-07-13") << "15 working days (the platform's default)";
  EXPECT_EQ(acme.session.post("/api/v1/grade-applications", request("AAA", 3, true)).status, 409) << "one open grading";
  auto panel = world.bureau.get("/api/v1/cases/" + std::to_string(id));
  ASSERT_EQ(panel.status, 200) << panel.body;
  EXPECT_EQ(panel.json().at("panel").at("evidence").at("protection_level"), 3);
  EXPECT_EQ(panel.json().at("panel").at("attachments").as_array().size(), 2u);

  // Returned for correction on Thursday, resubmitted the next Monday: the review starts again.
  s.clock().advance(std::chrono::milliseconds(3 * kDay));
  auto returned = grade_act(world.bureau, id, {{"action", "return"}, {"comment", "请补充等保测评报告全文"}});
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(returned.json().at("state"), "returned");
  s.clock().advance(std::chrono::milliseconds(4 * kDay));  // Monday 29 June
  auto resubmitted = grade_act(acme.session, id, {{"action", "resubmit"}, {"comment", "已补充"}});
  ASSERT_EQ(resubmitted.status, 200) << resubmitted.body;
  EXPECT_EQ(resubmitted.json().at("stage").at("key"), "material_review");
  EXPECT_EQ(resubmitted.json().at("due_date"), "2026-07-20");
  auto early = grade_act(world.bureau, id, {{"action", "approve"}, {"grade", "AA"}});
  EXPECT_EQ(early.status, 400) << "the grade is decided at the rating";
  auto materials = grade_act(world.bureau, id, {{"action", "approve"}});
  ASSERT_EQ(materials.status, 200) << materials.body;
  EXPECT_EQ(materials.json().at("stage").at("key"), "rating");
  EXPECT_EQ(materials.json().at("due_date"), "2026-07-20");
  auto no_opinion = grade_act(world.bureau, id, {{"action", "approve"}, {"grade", "AA"}});
  EXPECT_EQ(no_opinion.status, 400);
  EXPECT_EQ(no_opinion.json().at("error").at("field"), "expert_opinion");
  EXPECT_EQ(grade_act(acme.session, id, {{"action", "approve"}, {"grade", "AAA"}, {"expert_opinion", "x"}}).status, 403);
  auto rated = grade_act(world.bureau, id, {{"action", "approve"},
                                            {"grade", "AA"},
                                            {"expert_opinion", "专家组（开放主体代表 2 人、外聘专家 3 人）评议：安全防护和信用符合 AA 级"}});
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(rated.json().at("state"), "approved");
  auto mine = acme.session.get("/api/v1/me/grade").json();
  const json::value* org_grade = nullptr;
  for (const auto& g : mine.at("grades").as_array()) {
    if (g.at("subject_kind") == "org") org_grade = &g;
  }
  ASSERT_NE(org_grade, nullptr);
  EXPECT_EQ(org_grade->at("grade"), "AA");
  EXPECT_EQ(mine.at("changes").as_array()[0].at("to"), "AA");
  EXPECT_EQ(mine.at("changes").as_array()[0].at("case_id"), id);
  EXPECT_EQ(mine.at("cases").as_array()[0].at("state"), "approved");
  EXPECT_EQ(s.client().get("/api/v1/user-grades").json().at("items").as_array()[0].at("grade"), "AA");

  // Now AA, the company applies and holds a grant.
  auto applied = acme.session.post("/api/v1/applications", World::form(acme.org_id, world.upload_pdf(acme.session), {"api"}));
  ASSERT_EQ(applied.status, 201) << applied.body;
  const auto app = applied.json().at("id").as_int64();
  ASSERT_EQ(act(world.bureau, app, {{"action", "approve"}}).status, 200);
  ASSERT_EQ(act(world.provider, app, {{"action", "approve"}}).status, 200);
  ASSERT_EQ(act(world.bureau, app, {{"action", "approve"}}).status, 200);
  sign(acme.session, app);
  auto filed = act(world.provider, app, {{"action", "approve"}});
  ASSERT_EQ(filed.status, 200) << filed.body;
  const std::string grant_path =
      "/api/v1/grants/" + std::to_string(filed.json().at("panel").at("grant").at("id").as_int64());

  // Ending the grant for a violation lowers the grade one level: AA → A, and A may not apply.
  auto ended = world.provider.post(grant_path + "/sanctions", {{"action", "terminate"}, {"reason", "将数据提供给协议外的第三方"}});
  ASSERT_EQ(ended.status, 200) << ended.body;
  mine = acme.session.get("/api/v1/me/grade").json();
  for (const auto& g : mine.at("grades").as_array()) {
    if (g.at("subject_kind") == "org") {
      EXPECT_EQ(g.at("grade"), "A");
    }
  }
  const auto& lowered = mine.at("changes").as_array()[0];
  EXPECT_EQ(lowered.at("from"), "AA");
  EXPECT_EQ(lowered.at("to"), "A");
  EXPECT_FALSE(lowered.at("grant_id").is_null());
  EXPECT_NE(lowered.at("reason").as_string().find("将数据提供给协议外的第三方"), std::string::npos);
  bool told = false;
  const json::value inbox = acme.session.get("/api/v1/me/inbox").json();
  for (const auto& n : inbox.at("items").as_array()) told = told || n.at("kind") == "grade_lowered";
  EXPECT_TRUE(told);
  auto again = acme.session.post("/api/v1/applications", World::form(acme.org_id, world.upload_pdf(acme.session), {"api"}));
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(again.json().at("error").at("code"), "grade_required");
  auto changes = world.bureau.get("/api/v1/user-grades/changes");
  ASSERT_EQ(changes.status, 200) << changes.body;
  EXPECT_EQ(changes.json().at("items").as_array().size(), 2u);
  EXPECT_EQ(acme.session.get("/api/v1/user-grades/changes").status, 403);
}

TEST_P(ApplyTest, HangzhouDemandReviewReReviewSigningAndFiling) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"hangzhou\"\n");
  s.clock().set(kJune22Morning);
  World world(s, "330100", "杭州市");
  auto acme = world.company("acme", "杭州数智科技有限公司", "91370700MA3C4XKQ52", "11010519491231002X");
  auto submitted = acme.session.post("/api/v1/applications", World::form(acme.org_id, world.upload_pdf(acme.session), {"api"}));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const auto id = submitted.json().at("id").as_int64();
  EXPECT_EQ(submitted.json().at("due_date"), "2026-06-29");
  auto normative = act(world.bureau, id, {{"action", "approve"}});
  ASSERT_EQ(normative.status, 200) << normative.body;
  EXPECT_EQ(normative.json().at("stage").at("key"), "provider_review");
  EXPECT_EQ(normative.json().at("due_date"), "2026-07-06");
  auto demand = act(world.provider, id, {{"action", "approve"}, {"granted_fields", json::array{"企业名称"}}});
  ASSERT_EQ(demand.status, 200) << demand.body;
  EXPECT_EQ(demand.json().at("stage").at("key"), "re_review");
  EXPECT_EQ(demand.json().at("assignee_role"), "provider") << "the provider re-reviews (Hangzhou 二.3)";
  ASSERT_EQ(act(world.provider, id, {{"action", "approve"}}).status, 200);
  sign(acme.session, id);
  EXPECT_EQ(stage_of(acme.session, id), "filing");
  auto filed = act(world.bureau, id, {{"action", "approve"}, {"comment", "已备案"}});
  ASSERT_EQ(filed.status, 200) << filed.body;
  EXPECT_EQ(filed.json().at("state"), "approved");
  auto rows = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
  ASSERT_EQ(rows.status, 200) << rows.body;
  EXPECT_EQ(keys_of(rows.json().at("rows").as_array()[0]), (std::set<std::string>{"企业名称"}));
  EXPECT_EQ(with_key(s, acme.api_key, "/api/v1/datasets/QY-1/download?format=json").status, 403);
  EXPECT_EQ(s.client().get("/api/v1/grant-holders").json().at("items").as_array().size(), 1u);

  // Ending the agreement early by notice (agreement art. 8.3: 15 days): too soon is refused with
  // the earliest day; the provider's notice moves the end, tells the holder, and the key stops then.
  const std::string grant_path =
      "/api/v1/grants/" + std::to_string(filed.json().at("panel").at("grant").at("id").as_int64());
  auto too_soon = acme.session.post(grant_path + "/notice", {{"effective_on", "2026-06-30"}, {"reason", "项目提前结束"}});
  ASSERT_EQ(too_soon.status, 400) << too_soon.body;
  EXPECT_EQ(too_soon.json().at("error").at("field"), "effective_on");
  EXPECT_NE(too_soon.json().at("error").at("message").as_string().find("2026-07-07"), std::string::npos);
  EXPECT_EQ(acme.session.post(grant_path + "/notice", {{"effective_on", "2026-07-31"}}).status, 400) << "a reason is needed";
  auto noticed = world.provider.post(grant_path + "/notice", {{"effective_on", "2026-07-31"}, {"reason", "数据源系统下线"}});
  ASSERT_EQ(noticed.status, 200) << noticed.body;
  EXPECT_EQ(noticed.json().at("expires_on"), "2026-07-31");
  const json::value inbox = acme.session.get("/api/v1/me/inbox").json();
  bool told = false;
  for (const auto& n : inbox.at("items").as_array()) told = told || n.at("kind") == "grant_notice";
  EXPECT_TRUE(told) << "the holder hears of the provider's notice";
  EXPECT_EQ(s.client().get("/api/v1/grant-holders").json().at("items").as_array()[0].at("expires_on"), "2026-07-31");
  s.clock().set(kJune22Morning + 39 * kDay);  // 31 July
  EXPECT_EQ(with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows").status, 200);
  s.clock().set(kJune22Morning + 40 * kDay);  // 1 August
  auto ended = with_key(s, acme.api_key, "/api/v1/datasets/QY-1/rows");
  EXPECT_EQ(ended.status, 403);
  EXPECT_EQ(ended.json().at("error").at("code"), "grant_expired");
}

TEST_P(ApplyTest, SamplesOfConditionalDataForVerifiedUsers) {
  TestServer s(GetParam(), std::string(kLongSessions) + "policy.profile = \"shandong\"\n");
  World world(s, "370700", "潍坊市");
  auto acme = world.company("acme", "潍坊数智科技有限公司", "91370700MA3C4XKQ52", "11010519491231002X");
  auto anon = s.client().get("/api/v1/entries/QY-1/sample");
  EXPECT_EQ(anon.status, 403);
  EXPECT_EQ(anon.error_code(), "login_required");
  auto unverified = s.session_as("user").get("/api/v1/entries/QY-1/sample");
  EXPECT_EQ(unverified.status, 403);
  EXPECT_EQ(unverified.error_code(), "verification_required");

  // Generated from the published, desensitized version: the key, the field with a desensitization
  // rule replaced by pseudonyms; the others as published. No grant is needed.
  auto sample = acme.session.get("/api/v1/entries/QY-1/sample");
  ASSERT_EQ(sample.status, 200) << sample.body;
  EXPECT_EQ(sample.headers["x-access-decision"], "sample; full");
  EXPECT_EQ(sample.json().at("source"), "generated");
  const auto rows = sample.json().at("rows").as_array();
  ASSERT_EQ(rows.size(), 2u);
  for (const char* pseudonymized : {"企业名称", "法定代表人"}) {
    EXPECT_EQ(std::string(rows[0].at(pseudonymized).as_string()).substr(0, 6), "样例") << pseudonymized;
  }
  EXPECT_EQ(rows[0].at("注册资本"), "100.5");
  EXPECT_EQ(sample.body.find("甲公司"), std::string::npos);
  EXPECT_EQ(sample.body.find("王"), std::string::npos);
  EXPECT_EQ(acme.session.get("/api/v1/entries/QY-1/sample").body, sample.body) << "the same pseudonyms every time";
  auto csv = acme.session.get("/api/v1/entries/QY-1/sample.csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("企业名称,统一社会信用代码,法定代表人,注册资本"), std::string::npos);
  // Still no data without a grant.
  EXPECT_EQ(acme.session.get("/api/v1/datasets/QY-1/rows").status, 403);

  // The provider uploads its own sample; only its dictionary's columns; others may not.
  auto put = [&](Client& c, const std::string& body) {
    return c.request("PUT", "/api/v1/entries/QY-1/sample", body, {{"X-CSRF-Token", c.csrf}, {"Content-Type", "text/csv"}});
  };
  EXPECT_EQ(put(world.provider, "企业名称,电话\n示例公司,1\n").status, 400);
  Client market = world.w.login("market");
  EXPECT_EQ(put(market, "企业名称,注册资本\n示例公司,1\n").status, 403);
  auto uploaded = put(world.provider, "企业名称,注册资本\n示例有限公司,50\n");
  ASSERT_EQ(uploaded.status, 200) << uploaded.body;
  auto now = acme.session.get("/api/v1/entries/QY-1/sample").json();
  EXPECT_EQ(now.at("source"), "uploaded");
  EXPECT_EQ(now.at("rows").as_array()[0].at("企业名称"), "示例有限公司");
  ASSERT_EQ(world.provider.request("DELETE", "/api/v1/entries/QY-1/sample", {}, {{"X-CSRF-Token", world.provider.csrf}}).status, 200);
  EXPECT_EQ(acme.session.get("/api/v1/entries/QY-1/sample").json().at("source"), "generated");
}

KF_BACKEND_SUITE(ApplyTest);

}  // namespace
}  // namespace kf::test
