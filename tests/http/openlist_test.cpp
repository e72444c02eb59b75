// The annual open list and plan (CAT-5) on both databases: compiled from the catalog (only
// unconditional and conditional entries that are not withdrawn; the plan holds the unpublished
// ones, due on the profile's date — Weifang follows Shandong's 31 May), reviewed on the profile's
// "open_list" procedure, published for the public; recompiling makes a new draft while the
// public keeps seeing the published list; a returned list is recompiled and resubmitted, and an
// approval through the generic case actions publishes it too.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using OpenListTest = BackendTest;

std::vector<std::string> codes(const json::value& arr) {
  std::vector<std::string> out;
  for (const auto& x : arr.as_array()) out.emplace_back(x.at("code").as_string());
  return out;
}

// Approves the case through `path` until it is closed; returns the last answer.
json::object approve_all(Client& c, const std::string& path_prefix, std::int64_t case_id) {
  json::object last;
  for (int guard = 0; guard < 6; ++guard) {
    auto r = c.post(path_prefix + std::to_string(case_id) + "/actions", {{"action", "approve"}, {"comment", "同意"}});
    if (r.status != 200) throw std::runtime_error(r.body);
    last = r.json().as_object();
    if (last.at("state") != "open") break;
  }
  return last;
}

TEST_P(OpenListTest, CompileReviewPublishAndRecompile) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client transport = w.login("transport");
  Client admin = w.login("admin");
  s.make_user("bureau", "authority");
  Client authority = w.login("bureau");
  Client anon = s.client();

  auto make = [&](const std::string& code, const std::string& name, const std::string& domain,
                  const std::string& attribute) {
    auto e = CatalogWorld::entry(code, name, {CatalogWorld::field("名称", "text", true)}, domain);
    e["open_attribute"] = attribute;
    if (attribute != "unconditional") {
      e["legal_basis"] = "《山东省公共数据开放办法》第七条";
      if (attribute == "conditional") e["open_conditions"] = "签署数据利用协议";
    }
    auto r = transport.post("/api/v1/entries", e);
    ASSERT_EQ(r.status, 201) << r.body;
  };
  make("OL-1", "公交线路", "交通", "unconditional");
  make("OL-2", "气象站点", "气象", "unconditional");
  make("OL-3", "医疗机构名录", "医疗卫生", "conditional");
  make("OL-4", "涉密档案目录", "交通", "not_open");
  make("OL-5", "旧停车场", "交通", "unconditional");
  ASSERT_EQ(admin.post("/api/v1/entries/OL-1/publish", json::object{}).status, 200);
  ASSERT_EQ(admin.post("/api/v1/entries/OL-5/publish", json::object{}).status, 200);
  ASSERT_EQ(admin.post("/api/v1/entries/OL-5/withdraw", {{"reason", "停车场已拆除"}}).status, 200);

  // Nothing published yet; providers and anonymous callers cannot compile.
  auto none = anon.get("/api/v1/open-list");
  EXPECT_EQ(none.status, 404);
  EXPECT_NE(none.body.find("尚未公布"), std::string::npos) << none.body;
  EXPECT_EQ(transport.post("/api/v1/open-lists", {{"year", 2026}}).status, 403);
  EXPECT_EQ(anon.post("/api/v1/open-lists", {{"year", 2026}}).status, 401);
  EXPECT_EQ(authority.post("/api/v1/open-lists", json::object{}).status, 400);

  auto compiled = authority.post("/api/v1/open-lists", {{"year", 2026}});
  ASSERT_EQ(compiled.status, 201) << compiled.body;
  const json::value draft = compiled.json();
  const std::int64_t id = draft.at("id").as_int64();
  EXPECT_EQ(draft.at("state"), "draft");
  EXPECT_EQ(draft.at("version"), 1);
  EXPECT_EQ(draft.at("due_date"), "2026-05-31");
  EXPECT_EQ(codes(draft.at("items")), (std::vector<std::string>{"OL-1", "OL-2", "OL-3"}));
  // The plan: the unpublished ones, the key domain (health) first, due on 31 May.
  EXPECT_EQ(codes(draft.at("plan")), (std::vector<std::string>{"OL-3", "OL-2"}));
  const json::array plan = draft.at("plan").as_array();
  EXPECT_EQ(plan.at(0).at("priority"), "high");
  EXPECT_EQ(plan.at(1).at("priority"), "normal");
  EXPECT_EQ(plan.at(0).at("responsible"), "潍坊市交通运输局");
  EXPECT_EQ(plan.at(0).at("target_date"), "2026-05-31");
  EXPECT_EQ(draft.at("items").at(0).at("published"), true);
  EXPECT_EQ(draft.at("counts").at("planned"), 2);

  // Recompiling a draft replaces it.
  auto again = authority.post("/api/v1/open-lists", {{"year", 2026}});
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json().at("id"), id);
  EXPECT_EQ(again.json().at("version"), 1);

  // Review on the profile's procedure; providers cannot submit or approve.
  const std::string base = "/api/v1/open-lists/" + std::to_string(id);
  EXPECT_EQ(transport.post(base + "/submit", json::object{}).status, 403);
  auto submitted = authority.post(base + "/submit", {{"comment", "请审核"}});
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::int64_t case_id = submitted.json().at("id").as_int64();
  EXPECT_EQ(submitted.json().at("type"), "open_list");
  EXPECT_EQ(authority.post(base + "/submit", json::object{}).status, 409);
  EXPECT_EQ(authority.get(base).json().at("state"), "in_review");
  EXPECT_EQ(authority.post("/api/v1/open-lists", {{"year", 2026}}).status, 409) << "under review";
  EXPECT_EQ(anon.get("/api/v1/open-list").status, 404) << "not public before approval";
  auto done = approve_all(authority, "/api/v1/open-lists/cases/", case_id);
  EXPECT_EQ(done.at("state"), "approved");

  auto pub = anon.get("/api/v1/open-list");
  ASSERT_EQ(pub.status, 200) << pub.body;
  const json::value shown = pub.json();
  EXPECT_EQ(shown.at("id"), id);
  EXPECT_EQ(shown.at("state"), "published");
  EXPECT_FALSE(shown.at("published_at").is_null());
  EXPECT_EQ(codes(shown.at("items")), (std::vector<std::string>{"OL-1", "OL-2", "OL-3"}));
  EXPECT_EQ(shown.at("plan").as_array().size(), 2u);
  EXPECT_FALSE(shown.as_object().contains("compiled_by"));

  // Compiling the year again: a new draft version; the public still sees the published one.
  ASSERT_EQ(admin.post("/api/v1/entries/OL-2/publish", json::object{}).status, 200);
  auto v2 = authority.post("/api/v1/open-lists", {{"year", 2026}});
  ASSERT_EQ(v2.status, 201) << v2.body;
  const std::int64_t id2 = v2.json().at("id").as_int64();
  EXPECT_NE(id2, id);
  EXPECT_EQ(v2.json().at("version"), 2);
  EXPECT_EQ(v2.json().at("state"), "draft");
  EXPECT_EQ(codes(v2.json().at("plan")), (std::vector<std::string>{"OL-3"}));
  EXPECT_EQ(anon.get("/api/v1/open-list").json().at("id"), id);

  // Staff see every version; providers may look but not act.
  auto all = transport.get("/api/v1/open-lists");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json().at("items").as_array().size(), 2u);
  EXPECT_EQ(anon.get("/api/v1/open-lists").status, 401);

  // Returned with reasons, recompiled in place, resubmitted on the same case, and approved
  // through the generic case actions: the list follows its case.
  const std::string base2 = "/api/v1/open-lists/" + std::to_string(id2);
  auto sub2 = authority.post(base2 + "/submit", json::object{});
  ASSERT_EQ(sub2.status, 201) << sub2.body;
  const std::int64_t case2 = sub2.json().at("id").as_int64();
  auto ret = authority.post("/api/v1/cases/" + std::to_string(case2) + "/actions",
                            {{"action", "return"}, {"comment", "请补充医疗机构名录的开放时间"}});
  ASSERT_EQ(ret.status, 200) << ret.body;
  auto re = authority.post("/api/v1/open-lists", {{"year", 2026}});
  ASSERT_EQ(re.status, 201) << re.body;
  EXPECT_EQ(re.json().at("id"), id2);
  EXPECT_EQ(re.json().at("state"), "draft");
  auto resub = authority.post(base2 + "/submit", json::object{});
  ASSERT_EQ(resub.status, 201) << resub.body;
  EXPECT_EQ(resub.json().at("id"), case2);
  approve_all(authority, "/api/v1/cases/", case2);
  auto now_shown = anon.get("/api/v1/open-list");
  ASSERT_EQ(now_shown.status, 200) << now_shown.body;
  EXPECT_EQ(now_shown.json().at("id"), id2);
  EXPECT_EQ(now_shown.json().at("version"), 2);
  EXPECT_EQ(authority.get(base).json().at("state"), "published") << "the earlier version stays on record";
}

KF_BACKEND_SUITE(OpenListTest);

}  // namespace
}  // namespace kf::test
