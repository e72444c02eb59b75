// Updates of published data (issue 12 item 3) and upload in one go (item 4), on the real server.
//
// Updates: a new version of a published entry reaches the public the way the policy profile says
// (`updates` on the publication procedure). Weifang and Lishui publish a routine update at once
// when its dictionary and rules are unchanged and its consistency report is clean, recorded in the
// entry's history; anything else, and every update under Shandong, Hangzhou and Yanzhou, goes to
// the authority's review and reaches the public only on approval.
//
// Upload in one go: an upload to an entry without a dictionary answers with a proposal and keeps
// the file; "adopt and import" saves the (edited) proposal and imports the kept file.
#include <filesystem>

#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

struct Scenario {
  std::string backend;
  std::string profile;
};

std::string name_of(const ::testing::TestParamInfo<Scenario>& info) {
  return info.param.profile + "_" + info.param.backend;
}

class UpdateScenario : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override {
    if (GetParam().backend == "postgres" && pg_url_or_empty().empty()) GTEST_SKIP() << "KF_TEST_PG_URL not set";
  }
};
using DirectUpdate = UpdateScenario;
using ReviewedUpdate = UpdateScenario;

constexpr const char* kLines1 = "线路,站数\nK1,12\nK2,30\n";
constexpr const char* kLines2 = "线路,站数\nK1,12\nK2,31\nK3,18\n";

struct World {
  explicit World(TestServer& s)
      : server(s), w(s), provider(w.login("transport")), other(w.login("market")), authority(authority_of(s, w)),
        anon(s.client()) {}
  static Client authority_of(TestServer& s, CatalogWorld& cw) {
    s.make_user("bureau", "authority");
    return cw.login("bureau");
  }
  static json::array fields(const std::string& count_label = "站数") {
    json::object count = CatalogWorld::field("站数", "integer");
    count["label"] = count_label;
    return {CatalogWorld::field("线路", "text", true), count};
  }
  std::int64_t upload(const std::string& code, const std::string& csv, const std::string& mode = "reject") {
    auto job = w.upload(provider, code, "lines.csv", csv, mode);
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    return job.at("version_id").as_int64();
  }
  Reply act(Client& c, std::int64_t id, const std::string& action, const std::string& comment = "") {
    return c.post("/api/v1/cases/" + std::to_string(id) + "/actions", {{"action", action}, {"comment", comment}});
  }
  // Approves every open stage of a case (provider stages by the provider, the rest by the
  // authority) and returns the final case.
  json::object approve_all(json::object c) {
    for (int guard = 0; c.at("state") == "open" && guard < 10; ++guard) {
      Client& who = c.at("assignee_role") == "provider" ? provider : authority;
      auto r = act(who, c.at("id").as_int64(), "approve", "同意");
      if (r.status != 200) throw std::runtime_error(r.body);
      c = r.json().as_object();
    }
    return c;
  }
  // A published entry with version 1 (two rows); returns its version id.
  std::int64_t published(const std::string& code) {
    auto r = provider.post("/api/v1/entries", CatalogWorld::entry(code, "公交线路 " + code, fields()));
    if (r.status != 201) throw std::runtime_error(r.body);
    const auto v1 = upload(code, kLines1);
    auto sub = provider.post("/api/v1/entries/" + code + "/submit", {{"version_id", v1}});
    if (sub.status != 201) throw std::runtime_error(sub.body);
    auto done = approve_all(sub.json().as_object());
    if (done.at("state") != "approved") throw std::runtime_error(json::serialize(done));
    return v1;
  }
  // What the public sees: the published version's number and the entry's row count.
  std::pair<std::int64_t, std::int64_t> public_view(const std::string& code) {
    auto versions = anon.get("/api/v1/entries/" + code + "/versions").json().at("items").as_array();
    if (versions.size() != 1) throw std::runtime_error("the public sees exactly the published version");
    auto entry = anon.get("/api/v1/entries/" + code).json();
    return {versions.at(0).at("number").as_int64(), entry.at("row_count").as_int64()};
  }
  json::object path(const std::string& code, std::int64_t version) {
    auto r = provider.get("/api/v1/entries/" + code + "/versions/" + std::to_string(version) + "/update-path");
    if (r.status != 200) throw std::runtime_error(r.body);
    return r.json().as_object();
  }
  std::size_t assigned(Client& c) {
    auto items = c.get("/api/v1/me/inbox").json().at("items").as_array();
    return static_cast<std::size_t>(std::count_if(items.begin(), items.end(), [](const json::value& n) {
      return n.at("kind") == "assigned";
    }));
  }
  json::array history(const std::string& code) {
    return provider.get("/api/v1/entries/" + code + "/history").json().at("items").as_array();
  }
  static std::string joined(const json::value& reasons) {
    std::string all;
    for (const auto& r : reasons.as_array()) all += std::string(r.as_string()) + "\n";
    return all;
  }

  TestServer& server;
  CatalogWorld w;
  Client provider, other, authority, anon;
};

std::string config_for(const std::string& profile) {
  return "policy.profile = \"" + profile + "\"\n";
}

TEST_P(DirectUpdate, AnUnchangedUpdateIsPublishedAtOnceAndRecorded) {
  TestServer s(GetParam().backend, config_for(GetParam().profile));
  World x(s);
  const auto v1 = x.published("UP-1");
  EXPECT_EQ(x.public_view("UP-1"), std::make_pair(std::int64_t{1}, std::int64_t{2}));

  // A routine update with the same dictionary: the console shows "直接发布更新" with the reasons.
  const auto v2 = x.upload("UP-1", kLines2);
  auto p = x.path("UP-1", v2);
  EXPECT_EQ(p.at("path"), "direct") << json::serialize(p);
  EXPECT_EQ(p.at("label"), "直接发布更新");
  EXPECT_EQ(p.at("replaces").at("id"), v1);
  EXPECT_EQ(p.at("version").at("number"), 2);
  EXPECT_NE(World::joined(p.at("reasons")).find("与已发布的第 1 版相同"), std::string::npos) << json::serialize(p);
  EXPECT_NE(World::joined(p.at("reasons")).find("一致性检查通过"), std::string::npos);
  EXPECT_FALSE(std::string(p.at("basis").as_string()).empty()) << "the profile's article is shown";
  EXPECT_EQ(p.at("complete"), true);
  // Staff of another provider do not see it; the authority may look but not submit.
  EXPECT_NE(x.other.get("/api/v1/entries/UP-1/versions/" + std::to_string(v2) + "/update-path").status, 200);
  EXPECT_EQ(x.authority.get("/api/v1/entries/UP-1/versions/" + std::to_string(v2) + "/update-path").status, 200);
  EXPECT_EQ(x.authority.post("/api/v1/entries/UP-1/updates", {{"version_id", v2}}).status, 403);
  EXPECT_EQ(x.other.post("/api/v1/entries/UP-1/updates", {{"version_id", v2}}).status, 403);
  EXPECT_EQ(x.public_view("UP-1").first, 1) << "nothing changes before the provider submits";

  const auto tasks_before = x.assigned(x.authority);
  auto sub = x.provider.post("/api/v1/entries/UP-1/updates", {{"version_id", v2}, {"comment", "十一月例行更新"}});
  ASSERT_EQ(sub.status, 201) << sub.body;
  auto c = sub.json().as_object();
  EXPECT_EQ(c.at("state"), "approved");
  EXPECT_EQ(c.at("type"), "publication");
  EXPECT_EQ(c.at("payload").at("update").at("path"), "direct");
  EXPECT_EQ(std::string(c.at("title").as_string()).rfind("直接发布更新", 0), 0u);
  // The public sees the new version at once; the authority was given no task.
  EXPECT_EQ(x.public_view("UP-1"), std::make_pair(std::int64_t{2}, std::int64_t{3}));
  EXPECT_EQ(x.assigned(x.authority), tasks_before);
  EXPECT_TRUE(x.authority.get("/api/v1/cases?assigned=1").json().at("items").as_array().empty());
  // The case is visible to the authority for supervision, and closed.
  auto seen = x.authority.get("/api/v1/cases/" + std::to_string(c.at("id").as_int64()));
  ASSERT_EQ(seen.status, 200) << seen.body;
  EXPECT_EQ(seen.json().at("panel").at("update").at("replaces_version_number"), 1);

  // The entry's history: who, which version replaced which, why no review.
  auto h = x.history("UP-1");
  ASSERT_FALSE(h.empty());
  const auto& last = h.back().as_object();
  EXPECT_EQ(last.at("action"), "publish_update");
  EXPECT_EQ(last.at("actor"), "transport");
  const std::string reason(last.at("reason").as_string());
  EXPECT_NE(reason.find("第 2 版替换第 1 版"), std::string::npos) << reason;
  EXPECT_NE(reason.find("数据字典和脱敏规则与已发布的第 1 版相同"), std::string::npos) << reason;

  // The same version cannot be published twice.
  EXPECT_EQ(x.provider.post("/api/v1/entries/UP-1/updates", {{"version_id", v2}}).status, 409);

  // An update with quarantined rows is not clean: it goes to review and the public keeps v2.
  const auto v3 = x.upload("UP-1", "线路,站数\nK1,13\nK2,abc\nK3,18\n", "quarantine");
  auto p3 = x.path("UP-1", v3);
  EXPECT_EQ(p3.at("path"), "review");
  EXPECT_EQ(p3.at("label"), "提交更新审核");
  EXPECT_NE(World::joined(p3.at("reasons")).find("被隔离"), std::string::npos) << json::serialize(p3);
  // Submitting through the first-publication route takes the same path.
  auto sub3 = x.provider.post("/api/v1/entries/UP-1/submit", {{"version_id", v3}});
  ASSERT_EQ(sub3.status, 201) << sub3.body;
  auto c3 = sub3.json().as_object();
  EXPECT_EQ(c3.at("state"), "open");
  EXPECT_EQ(c3.at("payload").at("update").at("path"), "review");
  EXPECT_EQ(x.public_view("UP-1").first, 2);
  EXPECT_EQ(x.authority.get("/api/v1/cases?assigned=1").json().at("items").as_array().size(), 1u);
  EXPECT_GT(x.assigned(x.authority), tasks_before);
  auto approved = x.approve_all(c3);
  EXPECT_EQ(approved.at("state"), "approved");
  EXPECT_EQ(x.public_view("UP-1"), std::make_pair(std::int64_t{3}, std::int64_t{2}));
  EXPECT_NE(std::string(x.history("UP-1").back().at("reason").as_string()).find("更新审核通过"), std::string::npos);
}

TEST_P(DirectUpdate, AChangedDictionaryGoesToReview) {
  TestServer s(GetParam().backend, config_for(GetParam().profile));
  World x(s);
  x.published("UP-2");
  // The dictionary of a published entry changes through an approved change request.
  auto changed = CatalogWorld::entry("UP-2", "公交线路 UP-2", World::fields("停靠站数"));
  auto cr = x.provider.post("/api/v1/entries/UP-2/change-requests",
                            {{"kind", "modify"}, {"entry", changed}, {"reason", "字段名称规范化"}});
  ASSERT_EQ(cr.status, 201) << cr.body;
  ASSERT_EQ(x.approve_all(cr.json().as_object()).at("state"), "approved");

  const auto v2 = x.upload("UP-2", kLines2);
  auto p = x.path("UP-2", v2);
  EXPECT_EQ(p.at("path"), "review") << json::serialize(p);
  const std::string why = World::joined(p.at("reasons"));
  EXPECT_NE(why.find("数据字典或脱敏规则与已发布的第 1 版不同"), std::string::npos) << why;
  EXPECT_NE(why.find("字段「站数」的中文名称"), std::string::npos) << why;
  auto sub = x.provider.post("/api/v1/entries/UP-2/updates", {{"version_id", v2}});
  ASSERT_EQ(sub.status, 201) << sub.body;
  EXPECT_EQ(sub.json().at("state"), "open");
  EXPECT_EQ(x.public_view("UP-2").first, 1) << "not before the authority approves";
  // One open case per entry.
  EXPECT_EQ(x.provider.post("/api/v1/entries/UP-2/updates", {{"version_id", v2}}).status, 409);
  EXPECT_EQ(x.approve_all(sub.json().as_object()).at("state"), "approved");
  EXPECT_EQ(x.public_view("UP-2").first, 2);
}

TEST_P(ReviewedUpdate, EveryUpdateIsReviewedAndPublishedOnlyOnApproval) {
  TestServer s(GetParam().backend, config_for(GetParam().profile));
  World x(s);
  x.published("RU-1");
  const auto v2 = x.upload("RU-1", kLines2);
  auto p = x.path("RU-1", v2);
  EXPECT_EQ(p.at("path"), "review") << json::serialize(p);
  EXPECT_EQ(p.at("label"), "提交更新审核");
  const std::string why = World::joined(p.at("reasons"));
  EXPECT_NE(why.find("本地政策规定数据更新须经主管部门审核"), std::string::npos) << why;
  EXPECT_NE(why.find(std::string(p.at("basis").as_string())), std::string::npos) << "cites the article";

  const auto tasks_before = x.assigned(x.authority);
  auto sub = x.provider.post("/api/v1/entries/RU-1/updates", {{"version_id", v2}, {"comment", "例行更新"}});
  ASSERT_EQ(sub.status, 201) << sub.body;
  auto c = sub.json().as_object();
  EXPECT_EQ(c.at("state"), "open");
  EXPECT_EQ(std::string(c.at("title").as_string()).rfind("更新审核", 0), 0u);
  // Stages of the provider's own (Yanzhou's secrecy review) come first; then the authority's task.
  for (int guard = 0; c.at("assignee_role") == "provider" && guard < 5; ++guard) {
    auto r = x.act(x.provider, c.at("id").as_int64(), "approve", "本单位审查通过");
    ASSERT_EQ(r.status, 200) << r.body;
    c = r.json().as_object();
  }
  EXPECT_GT(x.assigned(x.authority), tasks_before) << "the authority is given the task";
  auto queue = x.authority.get("/api/v1/cases?assigned=1").json().at("items").as_array();
  ASSERT_EQ(queue.size(), 1u);
  auto detail = x.authority.get("/api/v1/cases/" + std::to_string(c.at("id").as_int64())).json();
  EXPECT_EQ(detail.at("consistency").at("consistent"), true);
  EXPECT_EQ(detail.at("panel").at("update").at("replaces_version_number"), 1);
  EXPECT_EQ(x.public_view("RU-1").first, 1) << "the public keeps version 1 while it is reviewed";

  // Returned with reasons, resubmitted, approved: only then the public sees version 2.
  auto back = x.act(x.authority, c.at("id").as_int64(), "return", "请说明站数变化");
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(x.public_view("RU-1").first, 1);
  auto again = x.act(x.provider, c.at("id").as_int64(), "resubmit", "K2 新增一站");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(x.approve_all(again.json().as_object()).at("state"), "approved");
  EXPECT_EQ(x.public_view("RU-1"), std::make_pair(std::int64_t{2}, std::int64_t{3}));
  const std::string reason(x.history("RU-1").back().at("reason").as_string());
  EXPECT_NE(reason.find("更新审核通过"), std::string::npos) << reason;
  EXPECT_NE(reason.find("第 2 版替换第 1 版"), std::string::npos) << reason;
}

TEST_P(ReviewedUpdate, AnEntryNotYetPublishedHasNoUpdatePath) {
  TestServer s(GetParam().backend, config_for(GetParam().profile));
  World x(s);
  ASSERT_EQ(x.provider.post("/api/v1/entries", CatalogWorld::entry("RU-2", "未发布目录", World::fields())).status, 201);
  const auto v1 = x.upload("RU-2", kLines1);
  auto r = x.provider.get("/api/v1/entries/RU-2/versions/" + std::to_string(v1) + "/update-path");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json().at("error").at("code"), "not_published") << r.body;
  EXPECT_EQ(x.provider.post("/api/v1/entries/RU-2/updates", {{"version_id", v1}}).status, 409);
}

std::vector<Scenario> scenarios(std::initializer_list<const char*> profiles) {
  std::vector<Scenario> out;
  for (const auto& b : backends()) {
    for (const char* p : profiles) out.push_back({b, p});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Profiles, DirectUpdate, ::testing::ValuesIn(scenarios({"weifang", "lishui"})), name_of);
INSTANTIATE_TEST_SUITE_P(Profiles, ReviewedUpdate, ::testing::ValuesIn(scenarios({"shandong", "hangzhou", "yanzhou"})),
                         name_of);

// ---------------------------------------------------------------- upload in one go

using OneGoUpload = BackendTest;

// Names, mobile numbers, a date column with one bad value (a name typed into it) and a count.
constexpr const char* kClinics =
    "机构名称,联系电话,登记日期,床位数\n"
    "潍坊市人民医院,13853612345,2020-01-02,1200\n"
    "奎文区社区卫生服务中心,15063698765,2021-03-04,80\n"
    "寒亭区中医院,+8613969612345,2019-11-30,300\n"
    "坊子区妇幼保健院,18866612345,王小明,150\n"
    "潍城区人民医院,13705361234,2018-06-15,500\n";

TEST_P(OneGoUpload, OneUploadThenAdoptAndImportMakesAVersion) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client provider = w.login("transport");
  Client other = w.login("market");
  ASSERT_EQ(provider.post("/api/v1/entries", CatalogWorld::entry("ONE-1", "医疗机构名录", {}, "卫生")).status, 201);

  auto job = w.upload(provider, "ONE-1", "clinics.csv", kClinics);
  ASSERT_EQ(job.at("state"), "proposed") << json::serialize(job);
  EXPECT_EQ(job.at("adoptable"), true);
  EXPECT_NE(std::string(job.at("message").as_string()).find("采用并导入"), std::string::npos);
  auto fields = job.at("proposed_fields").as_array();
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].at("type"), "text");
  EXPECT_EQ(fields[0].at("length"), 30) << "11 characters with headroom";
  EXPECT_EQ(fields[1].at("type"), "text") << "phone numbers are codes";
  EXPECT_EQ(fields[2].at("type"), "date") << "one bad value is tolerated";
  EXPECT_EQ(fields[3].at("type"), "integer");
  auto notes = job.at("report").at("inference_notes").as_array();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].at("column"), "登记日期");
  EXPECT_EQ(notes[0].at("row"), 4);
  EXPECT_EQ(json::serialize(job).find("王小明"), std::string::npos) << "the bad value is not quoted";
  EXPECT_TRUE(provider.get("/api/v1/entries/ONE-1/versions").json().at("items").as_array().empty());
  const std::string job_path = "/api/v1/jobs/" + std::to_string(job.at("id").as_int64());

  // The provider edits the proposal (a label, a key) and adopts it: no second upload.
  fields[0].as_object()["label"] = "医疗机构名称";
  fields[0].as_object()["key"] = true;
  fields[0].as_object()["nullable"] = false;
  auto adopt = [&](Client& c, const json::array& f) {
    return c.post(job_path + "/adopt", {{"fields", f}, {"reason", "采用推断的数据字典"}, {"mode", "quarantine"}});
  };
  EXPECT_NE(adopt(other, fields).status, 202) << "another provider cannot adopt it";
  json::array broken = fields;
  broken[3].as_object()["type"] = "number";
  auto refused = adopt(provider, broken);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_TRUE(provider.get("/api/v1/entries/ONE-1").json().at("fields").as_array().empty()) << "nothing half-saved";
  json::array twin = fields;  // parses, but the dictionary refuses a name twice
  twin[3].as_object()["name"] = "联系电话";
  auto duplicate = adopt(provider, twin);
  EXPECT_EQ(duplicate.status, 400) << duplicate.body;
  EXPECT_NE(duplicate.body.find("重复"), std::string::npos) << duplicate.body;
  EXPECT_TRUE(provider.get("/api/v1/entries/ONE-1").json().at("fields").as_array().empty()) << "nothing half-saved";
  EXPECT_EQ(provider.get(job_path).json().at("adoptable"), true) << "the file is still kept";

  auto adopted = adopt(provider, fields);
  ASSERT_EQ(adopted.status, 202) << adopted.body;
  const auto next_id = adopted.json().at("id").as_int64();
  EXPECT_NE(next_id, job.at("id").as_int64());
  json::object next;
  for (int i = 0; i < 3000; ++i) {
    next = provider.get("/api/v1/jobs/" + std::to_string(next_id)).json().as_object();
    if (next.at("state") != "queued" && next.at("state") != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(next.at("state"), "succeeded") << json::serialize(next);
  EXPECT_EQ(next.at("accepted"), 4);
  EXPECT_EQ(next.at("rejected"), 1) << "the row with the bad date is quarantined";
  EXPECT_EQ(next.at("report").at("errors").at(0).at("row"), 4);
  auto versions = provider.get("/api/v1/entries/ONE-1/versions").json().at("items").as_array();
  ASSERT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions[0].at("row_count"), 4);
  auto entry = provider.get("/api/v1/entries/ONE-1").json();
  EXPECT_EQ(entry.at("fields").at(0).at("label"), "医疗机构名称");
  EXPECT_EQ(entry.at("fields").at(1).at("type"), "text");
  auto rows = provider.get("/api/v1/entries/ONE-1/preview?raw=1&version=" +
                           std::to_string(versions[0].at("id").as_int64()));
  ASSERT_EQ(rows.status, 200) << rows.body;
  EXPECT_EQ(rows.json().at("rows").at(2).at("联系电话"), "+8613969612345") << "kept as written";

  // A proposal is adopted once.
  auto twice = adopt(provider, fields);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json().at("error").at("code"), "proposal_gone") << twice.body;
  EXPECT_EQ(provider.get(job_path).json().at("adoptable"), false);
}

TEST_P(OneGoUpload, AKeptProposalExpiresAfterADay) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  Client provider = w.login("transport");
  ASSERT_EQ(provider.post("/api/v1/entries", CatalogWorld::entry("ONE-2", "医疗机构名录二", {}, "卫生")).status, 201);
  auto job = w.upload(provider, "ONE-2", "clinics.csv", kClinics);
  ASSERT_EQ(job.at("state"), "proposed");
  const auto id = job.at("id").as_int64();
  const fs::path kept = fs::path(s.runtime().catalog->config().work_dir) / "jobs" / ("proposal-" + std::to_string(id));
  ASSERT_TRUE(fs::exists(kept));
  fs::last_write_time(kept, fs::file_time_type::clock::now() - std::chrono::hours(25));
  // The next upload sweeps expired proposals.
  ASSERT_EQ(provider.post("/api/v1/entries", CatalogWorld::entry("ONE-3", "另一目录", {}, "卫生")).status, 201);
  w.upload(provider, "ONE-3", "x.csv", "a\n1\n");
  EXPECT_FALSE(fs::exists(kept));
  auto late = provider.post("/api/v1/jobs/" + std::to_string(id) + "/adopt",
                            {{"fields", job.at("proposed_fields")}, {"reason", "采用"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_EQ(late.json().at("error").at("code"), "proposal_gone");
  EXPECT_NE(std::string(late.json().at("error").at("message").as_string()).find("重新上传"), std::string::npos);
}

KF_BACKEND_SUITE(OneGoUpload);

}  // namespace
}  // namespace kf::test
