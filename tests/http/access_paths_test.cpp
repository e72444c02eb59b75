// The read-path enumeration test (issue 11 item 6): every route that serves dataset rows or
// values declares the access channels it reads through and asks the one access decision
// (access/decision.h) before reading. The test walks the router's route list, calls every
// route for a published open entry and a published conditional entry, and fails when
//  - a response carries a value of the dataset but its route declares no channel (a read path
//    that bypasses the decision), or does not say which decision it served;
//  - a route that declares a channel serves a value of the conditional entry, or answers it
//    with anything but the decision's refusal (a declared path that does not ask);
//  - a declared route never served the open entry (the walk would prove nothing for it).
// Also: the profile flag anonymous_download = false refuses an anonymous download with what to do.
#include <set>

#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using AccessPathsTest = BackendTest;

// Values that appear nowhere but in the datasets' rows.
constexpr const char* kOpenMark = "开放值ZQX";
constexpr const char* kClosedMark = "受限值WJY";

struct World {
  explicit World(TestServer& s) : w(s), c(w.login("transport")), admin(s.client()) {
    admin.login("admin", TestServer::kPassword);
  }
  // Publishes `code` with three rows whose text column holds `mark`; returns the version id.
  std::int64_t publish(const std::string& code, const std::string& open, const std::string& mark) {
    auto e = CatalogWorld::entry(code, "公交线路", {CatalogWorld::field("线路", "text", true),
                                                   CatalogWorld::field("说明", "text")});
    e["open_attribute"] = open;
    if (open != "unconditional") {
      e["legal_basis"] = "《公共数据开放办法》";
      e["open_conditions"] = "签署数据使用协议";
    }
    auto r = c.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
    std::string csv = "线路,说明\n";
    for (int i = 0; i < 3; ++i) csv += "K" + std::to_string(i) + "," + mark + std::to_string(i) + "\n";
    auto job = w.upload(c, code, "lines.csv", csv);
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    std::int64_t vid = job.at("version_id").as_int64();
    auto p = admin.post("/api/v1/entries/" + code + "/versions/" + std::to_string(vid) + "/publish", json::object{});
    if (p.status != 200) throw std::runtime_error(p.body);
    return vid;
  }
  CatalogWorld w;
  Client c;
  Client admin;
};

// The concrete targets of a route pattern for entry `code`: path parameters filled in, once
// without a query and once with the CKAN-style parameters naming the entry.
std::vector<std::string> targets(const std::string& pattern, const std::string& code, std::int64_t version_id) {
  std::vector<std::string> paths{""};
  for (const auto& seg : http::split_path(pattern)) {
    std::vector<std::string> values;
    if (seg == "{code}") values = {code};
    else if (seg == "{file}") values = {code + ".json", code + ".csv", code + ".jsonld"};
    else if (seg == "{id}") values = {std::to_string(version_id), "1"};
    else if (seg == "{year}") values = {"2026"};
    else if (seg.starts_with("{")) ADD_FAILURE() << "unknown path parameter " << seg << " in " << pattern;
    else values = {seg};
    std::vector<std::string> next;
    for (const auto& p : paths) {
      for (const auto& v : values) next.push_back(p + "/" + v);
    }
    paths = std::move(next);
  }
  std::vector<std::string> out;
  for (const auto& p : paths) {
    out.push_back(p.empty() ? "/" : p);
    out.push_back((p.empty() ? "/" : p) + "?id=" + code + "&resource_id=" + code + "-csv&format=csv");
  }
  return out;
}

std::string method_name(http::bh::verb v) { return std::string(http::bh::to_string(v)); }

struct Call {
  const http::Route* route;
  std::string target;
  Reply reply;
};

// Calls every route that reads (GET, and the CKAN actions' POST form, which takes its
// parameters as a JSON body) with every target for `code`, as `client`.
std::vector<Call> call_all(const http::Router& router, Client& client, const std::string& code, std::int64_t vid) {
  std::vector<Call> out;
  for (const auto& r : router.routes()) {
    bool ckan_post = r.method == http::bh::verb::post && r.csrf_exempt && r.tag == "ckan";
    if (r.method != http::bh::verb::get && !ckan_post) continue;
    for (const auto& t : targets(r.pattern, code, vid)) {
      Reply reply;
      if (ckan_post) {
        std::string path = t.substr(0, t.find('?'));
        reply = client.request("POST", path, json::serialize(json::object{{"id", code}, {"resource_id", code + "-csv"}}),
                               {{"Content-Type", "application/json"}});
      } else {
        reply = client.get(t);
      }
      out.push_back({&r, t, std::move(reply)});
    }
  }
  return out;
}

TEST_P(AccessPathsTest, EveryRouteThatServesDataDeclaresAChannelAndAsksTheDecision) {
  TestServer s(GetParam());
  World world(s);
  const std::int64_t open_vid = world.publish("AP-OPEN", "unconditional", kOpenMark);
  const std::int64_t closed_vid = world.publish("AP-COND", "conditional", kClosedMark);

  std::set<const http::Route*> declared;
  for (const auto& r : s.router().routes()) {
    for (const auto& ch : r.channels) {
      EXPECT_TRUE(access::channel_from_string(ch)) << r.pattern << " declares an unknown channel " << ch;
    }
    if (!r.channels.empty()) declared.insert(&r);
  }
  ASSERT_GE(declared.size(), 6u);  // preview, download, rows, rows.csv, SODA, CKAN datastore_search

  Client anon = s.client();
  Client citizen = s.session_as("user");
  std::set<const http::Route*> served_open;
  for (Client* who : {&anon, &citizen}) {
    // The open entry: whoever shows its values declared a channel and says which decision it served.
    for (const auto& call : call_all(s.router(), *who, "AP-OPEN", open_vid)) {
      if (call.reply.body.find(kOpenMark) == std::string::npos) continue;
      const auto& r = *call.route;
      if (r.channels.empty()) {
        ADD_FAILURE() << method_name(r.method) << " " << r.pattern << " (" << call.target
                      << ") serves dataset values but declares no access channel: it bypasses the access decision";
        continue;
      }
      served_open.insert(&r);
      auto h = call.reply.headers.find("x-access-decision");
      if (h == call.reply.headers.end()) {
        ADD_FAILURE() << call.target << " served data without the access decision's mark";
        continue;
      }
      std::string channel = h->second.substr(0, h->second.find(';'));
      EXPECT_NE(std::find(r.channels.begin(), r.channels.end(), channel), r.channels.end())
          << call.target << " served data through " << channel << ", which its route does not declare";
    }
    // The conditional entry: no route shows its values, and every declared route refuses it with
    // the decision's answer.
    for (const auto& call : call_all(s.router(), *who, "AP-COND", closed_vid)) {
      const auto& r = *call.route;
      EXPECT_EQ(call.reply.body.find(kClosedMark), std::string::npos)
          << method_name(r.method) << " " << call.target << " serves conditional data to the public";
      if (r.channels.empty()) continue;
      EXPECT_EQ(call.reply.headers.count("x-access-decision"), 0u) << call.target;
      if (call.reply.status == 404 || call.reply.status == 400 || call.reply.status == 409) continue;  // invalid call (CKAN: 409)
      EXPECT_EQ(call.reply.status, 403) << call.target << " " << call.reply.body;
      if (r.tag != "ckan") {
        // Applications are taken (issue 13): anonymous callers are asked to sign in, users to apply.
        // The sample channel asks for a real-name verification instead of an application.
        const bool anonymous = who == &anon, sample = r.channels.front() == "sample";
        EXPECT_EQ(call.reply.error_code(), anonymous ? "login_required" : sample ? "verification_required" : "apply_required")
            << call.target;
        EXPECT_EQ(call.reply.json().at("error").at("action"), anonymous ? "login" : sample ? "verify" : "apply") << call.target;
      }
    }
  }
  for (const auto* r : declared) {
    EXPECT_TRUE(served_open.count(r)) << method_name(r->method) << " " << r->pattern
                                      << " declares a channel but never served the open entry: the walk does not reach it";
  }

  // The provider's own staff still read their conditional data through the same decision.
  auto own = world.c.get("/api/v1/datasets/AP-COND/rows");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.headers["x-access-decision"], "rows; full");
}

TEST_P(AccessPathsTest, AProfileWithoutAnonymousDownloadsSaysToRegisterAndLogIn) {
  TestServer s(GetParam(), "policy.profile = \"lishui\"\n");
  ASSERT_FALSE(s.runtime().policy.flags.anonymous_download);
  World world(s);
  world.publish("AP-LS", "unconditional", kOpenMark);
  Client anon = s.client();
  auto dl = anon.get("/api/v1/datasets/AP-LS/download?format=csv");
  ASSERT_EQ(dl.status, 403) << dl.body;
  EXPECT_EQ(dl.error_code(), "login_required");
  EXPECT_EQ(dl.json().at("error").at("action"), "login");
  EXPECT_NE(dl.error_message().find("注册并登录"), std::string::npos) << dl.error_message();
  // Browsing stays open: the preview shows the first rows and says how to see more.
  auto preview = anon.get("/api/v1/entries/AP-LS/preview");
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.json().at("access").at("action"), "login");
  EXPECT_EQ(anon.get("/api/v1/licence").json().at("may_download"), false);
  // A signed-in user who accepted the licence downloads ([access] require_licence, the default).
  Client citizen = s.session_as("user");
  EXPECT_EQ(citizen.get("/api/v1/datasets/AP-LS/download?format=csv").error_code(), "licence_required");
  auto version = std::string(citizen.get("/api/v1/licence").json().at("version").as_string());
  ASSERT_EQ(citizen.post("/api/v1/me/licence", {{"version", version}}).status, 200);
  EXPECT_EQ(citizen.get("/api/v1/datasets/AP-LS/download?format=csv").status, 200);
}

KF_BACKEND_SUITE(AccessPathsTest);

}  // namespace
}  // namespace kf::test
