// Personal data cannot slip through review (issue 12 item 2; CLS-4, CLS-6, MSK-1, PUB-5): a file
// with raw identity numbers, mobile numbers and e-mail addresses under neutral headers. The
// suggested dictionary grades those columns and proposes rules and patterns; with everything
// left at L1 the submission is refused naming the columns (never quoting values); a rule that
// leaves the values recognisable does not count; with rules (and a recorded consent basis for
// the e-mails) it passes, the reviewer's consistency report shows what would go out, approval is
// refused while a rule is missing again, and every public output is masked. Contradictory
// entries (含个人信息 with L1 and unconditional opening) are refused.
#include <array>

#include "catalog_fixture.h"
#include "core/id_number.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using PrivacyTest = BackendTest;

struct Person {
  std::string id, mobile, email, district;
};

// Valid identity numbers (check character, real birth date), mobile numbers and e-mail addresses.
std::vector<Person> people(int n) {
  static const char* districts[] = {"奎文区", "潍城区", "寒亭区"};
  std::vector<Person> out;
  for (int i = 0; i < n; ++i) {
    std::string first17 = "370705" + std::to_string(1960 + i % 40) + "0" + std::to_string(1 + i % 9) + "1" +
                          std::to_string(i % 10) + std::to_string(100 + i).substr(0, 3);
    first17 = first17.substr(0, 17);
    out.push_back({first17 + core::id_number_check_char(first17), "137" + std::to_string(20000000 + i * 7919).substr(0, 8),
                   "resident" + std::to_string(1000 + i) + "@163.com", districts[i % 3]});
  }
  return out;
}

std::string csv_of(const std::vector<Person>& ps) {
  std::string csv = "col_a,备注,col_c,区县\n";
  for (const auto& p : ps) csv += p.id + "," + p.mobile + "," + p.email + "," + p.district + "\n";
  return csv;
}

Reply put_json(Client& c, const std::string& path, const json::object& body) {
  return c.request("PUT", path, json::serialize(body), {{"X-CSRF-Token", c.csrf}, {"Content-Type", "application/json"}});
}

// The dictionary with each field's grade, rule and consent basis replaced.
json::array with(json::array fields, const std::vector<std::array<std::string, 3>>& grade_rule_basis) {
  for (std::size_t i = 0; i < fields.size() && i < grade_rule_basis.size(); ++i) {
    auto& f = fields[i].as_object();
    f["security_grade"] = grade_rule_basis[i][0];
    f["mask_rule"] = grade_rule_basis[i][1];
    f["consent_basis"] = grade_rule_basis[i][2];
  }
  return fields;
}

const json::object* field_named(const json::array& fields, const std::string& name) {
  for (const auto& f : fields) {
    if (f.at("name") == name.c_str()) return &f.as_object();
  }
  return nullptr;
}

TEST_P(PrivacyTest, PersonalDataUnderNeutralHeadersCannotSlipThroughReview) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  s.make_user("bureau", "authority");
  Client provider = w.login("transport");
  Client authority = w.login("bureau");
  const auto ps = people(60);
  const std::string csv = csv_of(ps);
  ASSERT_EQ(provider.post("/api/v1/entries", CatalogWorld::entry("PRV-1", "居民联系名单", json::array{})).status, 201);

  // The suggested dictionary: the values decide the grade, the rule and the pattern.
  auto proposal = w.upload(provider, "PRV-1", "people.csv", csv);
  ASSERT_EQ(proposal.at("state"), "proposed") << json::serialize(proposal);
  const json::array proposed = proposal.at("proposed_fields").as_array();
  ASSERT_EQ(proposed.size(), 4u);
  EXPECT_EQ(proposed[0].at("security_grade"), "L4");
  EXPECT_EQ(proposed[0].at("mask_rule"), "mask(keep_first=6,keep_last=4,char=*)");
  EXPECT_EQ(proposed[0].at("check"), "id_number");
  EXPECT_EQ(proposed[1].at("security_grade"), "L3");
  EXPECT_EQ(proposed[1].at("type"), "text") << "11-digit mobile numbers are identifiers, not amounts";
  EXPECT_EQ(proposed[1].at("mask_rule"), "mask(keep_first=3,keep_last=4,char=*)");
  EXPECT_EQ(proposed[1].at("pattern"), "1[3-9][0-9]{9}");
  EXPECT_EQ(proposed[2].at("security_grade"), "L3");
  EXPECT_EQ(proposed[2].at("mask_rule"), "mask(keep_first=2,keep_last=0,char=*)");
  EXPECT_FALSE(proposed[2].at("pattern").as_string().empty());
  EXPECT_EQ(proposed[3].at("security_grade"), "L1");
  EXPECT_EQ(proposed[3].at("mask_rule"), "");
  EXPECT_EQ(proposed[3].at("pattern"), "");

  // The provider grades nothing: every field L1 without a rule.
  const json::array plain = with(proposed, {{"L1", "", ""}, {"L1", "", ""}, {"L1", "", ""}, {"L1", "", ""}});
  auto dict = put_json(provider, "/api/v1/entries/PRV-1/dictionary", {{"fields", plain}, {"reason", "采用推断的字典"}});
  ASSERT_EQ(dict.status, 200) << dict.body;
  auto job = w.upload(provider, "PRV-1", "people.csv", csv);
  ASSERT_EQ(job.at("state"), "succeeded") << json::serialize(job);
  const std::int64_t vid = job.at("version_id").as_int64();

  auto check = provider.get("/api/v1/entries/PRV-1/completeness?version_id=" + std::to_string(vid));
  ASSERT_EQ(check.status, 200) << check.body;
  const json::value checked = check.json();
  EXPECT_EQ(checked.at("complete"), false);
  std::set<std::string> flagged;
  for (const auto& p : checked.at("problems").as_array()) flagged.insert(std::string(p.at("field").as_string()));
  EXPECT_TRUE(flagged.count("fields.col_a.mask_rule")) << check.body;
  EXPECT_TRUE(flagged.count("fields.备注.mask_rule")) << check.body;
  EXPECT_TRUE(flagged.count("fields.col_c.mask_rule")) << check.body;
  EXPECT_FALSE(flagged.count("fields.区县.mask_rule")) << check.body;

  auto refused = provider.post("/api/v1/entries/PRV-1/submit", {{"version_id", vid}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.error_code(), "incomplete");
  const std::string why = refused.error_message();
  for (const char* named : {"「col_a」", "「备注」", "「col_c」", "居民身份证号码", "手机号码"}) {
    EXPECT_NE(why.find(named), std::string::npos) << named << " in: " << why;
  }
  EXPECT_EQ(why.find("区县"), std::string::npos) << why;
  for (const auto& p : ps) {
    for (const std::string* v : {&p.id, &p.mobile, &p.email}) {
      EXPECT_EQ(refused.body.find(*v), std::string::npos) << "a value quoted in the refusal";
      EXPECT_EQ(check.body.find(*v), std::string::npos) << "a value quoted in the completeness check";
    }
  }

  // A rule that leaves the values recognisable does not count; a consent basis does.
  const std::string consent = "经本人书面授权同意公开电子邮箱（2026 年 3 月登记表）";
  dict = put_json(provider, "/api/v1/entries/PRV-1/dictionary",
                  {{"fields", with(plain, {{"L4", "mask(keep_first=6,keep_last=4)", ""},
                                           {"L1", "truncate(length=11)", ""},
                                           {"L1", "", consent},
                                           {"L1", "", ""}})},
                   {"reason", "设置脱敏规则"}});
  ASSERT_EQ(dict.status, 200) << dict.body;
  auto weak = provider.post("/api/v1/entries/PRV-1/submit", {{"version_id", vid}});
  ASSERT_EQ(weak.status, 400) << weak.body;
  EXPECT_NE(weak.error_message().find("「备注」按脱敏规则处理后仍可识别为个人信息（手机号码）"), std::string::npos)
      << weak.error_message();
  EXPECT_EQ(weak.error_message().find("col_a"), std::string::npos) << weak.error_message();
  EXPECT_EQ(weak.error_message().find("col_c"), std::string::npos) << weak.error_message();

  const json::array protected_fields = with(plain, {{"L4", "mask(keep_first=6,keep_last=4)", ""},
                                                    {"L3", "mask(keep_first=3,keep_last=4)", ""},
                                                    {"L1", "", consent},
                                                    {"L1", "", ""}});
  dict = put_json(provider, "/api/v1/entries/PRV-1/dictionary", {{"fields", protected_fields}, {"reason", "手机号码改为掩码"}});
  ASSERT_EQ(dict.status, 200) << dict.body;
  auto submitted = provider.post("/api/v1/entries/PRV-1/submit", {{"version_id", vid}, {"comment", "请审核"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string case_path = "/api/v1/cases/" + std::to_string(submitted.json().at("id").as_int64());

  // The reviewer's report: what the detectors find in the data as it would be published.
  auto report = authority.get(case_path).json().at("consistency");
  ASSERT_TRUE(report.is_object()) << json::serialize(report);
  EXPECT_EQ(report.at("consistent"), true) << json::serialize(report);
  EXPECT_EQ(report.at("sampled_rows"), 60);
  EXPECT_EQ(report.at("personal_data_found"), true);
  const auto& fields = report.at("fields").as_array();
  const auto* a = field_named(fields, "col_a");
  const auto* c = field_named(fields, "col_c");
  const auto* d = field_named(fields, "区县");
  ASSERT_TRUE(a && c && d);
  EXPECT_EQ(a->at("detected_kind"), "id_number");
  EXPECT_TRUE(a->at("published_kind").is_null());
  EXPECT_EQ(a->at("raw_values_out"), false);
  EXPECT_EQ(c->at("detected_kind"), "email");
  EXPECT_EQ(c->at("personal_data_out"), true) << "published on the recorded consent";
  EXPECT_EQ(c->at("raw_values_out"), false);
  EXPECT_EQ(c->at("consent_basis"), consent.c_str());
  EXPECT_TRUE(d->at("detected_kind").is_null());

  // The provider drops the mobile rule while the case is open: the report turns red, and the
  // last approval is refused until the rule is back.
  dict = put_json(provider, "/api/v1/entries/PRV-1/dictionary",
                  {{"fields", with(plain, {{"L4", "mask(keep_first=6,keep_last=4)", ""}, {"L1", "", ""}, {"L1", "", consent}, {"L1", "", ""}})},
                   {"reason", "去掉手机号码规则"}});
  ASSERT_EQ(dict.status, 200) << dict.body;
  report = authority.get(case_path).json().at("consistency");
  EXPECT_EQ(report.at("consistent"), false);
  const auto* b = field_named(report.at("fields").as_array(), "备注");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->at("raw_values_out"), true);
  EXPECT_EQ(b->at("published_kind"), "mobile");
  EXPECT_EQ(b->at("published_kind_label"), "手机号码");

  bool approval_refused = false;
  json::object now = authority.get(case_path).json().as_object();
  for (int guard = 0; now.at("state") == "open" && guard < 12; ++guard) {
    Client& who = now.at("assignee_role") == "provider" ? provider : authority;
    auto r = who.post(case_path + "/actions", {{"action", "approve"}, {"comment", "同意"}});
    if (r.status == 400) {
      EXPECT_EQ(r.error_code(), "personal_data") << r.body;
      EXPECT_NE(r.error_message().find("「备注」"), std::string::npos) << r.error_message();
      EXPECT_FALSE(approval_refused) << "refused once, then the rule is back";
      approval_refused = true;
      EXPECT_NE(provider.get("/api/v1/entries/PRV-1").json().at("state"), "published");
      dict = put_json(provider, "/api/v1/entries/PRV-1/dictionary", {{"fields", protected_fields}, {"reason", "恢复手机号码规则"}});
      ASSERT_EQ(dict.status, 200) << dict.body;
      continue;
    }
    ASSERT_EQ(r.status, 200) << r.body;
    now = r.json().as_object();
  }
  EXPECT_TRUE(approval_refused);
  ASSERT_EQ(now.at("state"), "approved") << json::serialize(now);
  ASSERT_EQ(provider.get("/api/v1/entries/PRV-1").json().at("state"), "published");

  // Every public output is masked: no raw identity or mobile number anywhere.
  Client anon = s.client();
  std::string seen;
  for (const char* path : {"/api/v1/datasets/PRV-1/download?format=csv", "/api/v1/datasets/PRV-1/download?format=json",
                           "/api/v1/datasets/PRV-1/rows?$limit=100", "/api/v1/datasets/PRV-1/rows.csv?$limit=100",
                           "/resource/PRV-1.json?$limit=100", "/resource/PRV-1.csv?$limit=100",
                           "/api/3/action/datastore_search?resource_id=PRV-1-csv&limit=100",
                           "/api/v1/entries/PRV-1/preview?limit=100"}) {
    auto r = anon.get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    seen += r.body;
  }
  EXPECT_NE(seen.find(ps[0].id.substr(0, 6) + "********" + ps[0].id.substr(14)), std::string::npos) << "the check reads rows";
  EXPECT_NE(seen.find(ps[0].mobile.substr(0, 3) + "****" + ps[0].mobile.substr(7)), std::string::npos);
  EXPECT_NE(seen.find(ps[0].email), std::string::npos) << "e-mails go out on the recorded consent";
  const std::string log = captured_log();
  for (const auto& p : ps) {
    for (const std::string* v : {&p.id, &p.mobile}) {
      EXPECT_EQ(seen.find(*v), std::string::npos) << "served raw";
    }
    for (const std::string* v : {&p.id, &p.mobile, &p.email}) {
      EXPECT_EQ(log.find(*v), std::string::npos) << "logged";
    }
  }
}

TEST_P(PrivacyTest, ContradictoryPersonalDataEntriesAreRefused) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client provider = w.login("transport");
  auto e = CatalogWorld::entry("PRV-2", "低保对象名单", {CatalogWorld::field("区县", "text")});
  e["contains_personal_data"] = true;  // L1 and unconditional by default
  auto refused = provider.post("/api/v1/entries", e);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.error_code(), "personal_data_contradiction");
  for (const char* named : {"含个人信息", "安全级别", "开放属性"}) {
    EXPECT_NE(refused.error_message().find(named), std::string::npos) << refused.error_message();
  }
  EXPECT_EQ(refused.json().at("error").at("field"), "security_level");
  EXPECT_EQ(provider.get("/api/v1/entries/PRV-2").status, 404) << "nothing stored";

  e["security_level"] = "L3";
  ASSERT_EQ(provider.post("/api/v1/entries", e).status, 201);
  auto back = e;
  back["security_level"] = "L1";
  back["reason"] = "降级";
  auto lowered = put_json(provider, "/api/v1/entries/PRV-2", back);
  EXPECT_EQ(lowered.status, 400) << lowered.body;
  EXPECT_EQ(lowered.error_code(), "personal_data_contradiction");
  EXPECT_EQ(provider.get("/api/v1/entries/PRV-2").json().at("security_level"), "L3") << "unchanged";

  // L1 is fine when the data is opened only on conditions.
  back["open_attribute"] = "conditional";
  back["open_conditions"] = "仅向经审核的民政研究机构开放";
  back["legal_basis"] = "《社会救助暂行办法》";
  auto conditional = put_json(provider, "/api/v1/entries/PRV-2", back);
  EXPECT_EQ(conditional.status, 200) << conditional.body;
}

KF_BACKEND_SUITE(PrivacyTest);

}  // namespace
}  // namespace kf::test
