// The OpenAPI description (issue 12 item 6) against the router's table: every route and method
// appears once and nothing else, each with its permission, parameters and a success answer with
// a schema; and the answers of real calls conform to the schemas the description gives.
#include <set>

#include "api/handlers.h"
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using OpenApiTest = BackendTest;

constexpr const char* kWithTestClock = "testing.allow_test_clock = true\n";

std::string lower_method(http::bh::verb v) {
  std::string m(http::bh::to_string(v));
  for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return m;
}

TEST_P(OpenApiTest, TheDocumentListsEveryRouteAndMethodOfTheRouterAndNothingElse) {
  TestServer s(GetParam(), kWithTestClock);  // the testing route too
  auto reply = s.client().get("/api/openapi.json");
  ASSERT_EQ(reply.status, 200);
  const json::value doc = reply.json();
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  EXPECT_EQ(s.client().get("/api/v1/openapi.json").body, reply.body);
  const auto& paths = doc.at("paths").as_object();

  // Every tag an operation uses is declared (Swagger UI stops listing operations at one that is not).
  std::set<std::string> tags;
  for (const auto& t : doc.at("tags").as_array()) tags.insert(std::string(t.at("name").as_string()));

  std::set<std::string> routes;
  for (const auto& r : s.router().routes()) {
    EXPECT_TRUE(tags.count(r.tag)) << r.pattern << " has the undeclared tag " << r.tag;
    const std::string method = lower_method(r.method);
    EXPECT_TRUE(routes.insert(method + " " + r.pattern).second) << "route declared twice: " << method << " " << r.pattern;
    const auto* item = paths.if_contains(r.pattern);
    ASSERT_TRUE(item) << r.pattern << " is missing";
    const auto* op = item->as_object().if_contains(method);
    ASSERT_TRUE(op) << method << " " << r.pattern << " is missing";
    EXPECT_EQ(op->at("summary"), json::value(r.summary)) << r.pattern;
    EXPECT_EQ(op->at("tags"), json::array({json::value(r.tag)})) << r.pattern;
    // The permission, machine-readable and in words.
    const json::value& perm = op->at("x-permission");
    switch (r.permission.kind) {
      case http::Permission::Kind::anyone:
        EXPECT_EQ(perm, "anyone") << r.pattern;
        EXPECT_TRUE(op->at("security").as_array().empty()) << r.pattern;
        break;
      case http::Permission::Kind::signed_in:
        EXPECT_EQ(perm, "signed_in") << r.pattern;
        break;
      case http::Permission::Kind::roles: {
        json::array roles;
        for (const auto& role : r.permission.roles) roles.emplace_back(role);
        EXPECT_EQ(perm.at("roles"), roles) << r.pattern;
        break;
      }
    }
    EXPECT_NE(op->at("description").as_string().find("权限"), json::string::npos) << r.pattern;
    // Every path parameter of the pattern is described.
    std::set<std::string> in_path;
    if (const auto* ps = op->as_object().if_contains("parameters")) {
      for (const auto& p : ps->as_array()) {
        if (p.at("in") == "path") in_path.insert(std::string(p.at("name").as_string()));
        EXPECT_TRUE(p.as_object().contains("schema")) << r.pattern << " " << p.at("name");
      }
    }
    for (const auto& seg : http::split_path(r.pattern)) {
      if (seg.front() == '{') {
        EXPECT_TRUE(in_path.count(seg.substr(1, seg.size() - 2))) << r.pattern << " " << seg;
      }
    }
    // A success answer, with a schema unless it has no content.
    bool success = false;
    for (const auto& [status, answer] : op->at("responses").as_object()) {
      if (status.size() != 3 || (status[0] != '2' && status[0] != '3')) continue;
      success = true;  // a redirect is the success of the sign-in routes
      if (status == "204" || status[0] == '3') continue;
      const auto* content = answer.as_object().if_contains("content");
      ASSERT_TRUE(content) << method << " " << r.pattern << " " << status << " has no content";
      for (const auto& [type, media] : content->as_object()) {
        EXPECT_TRUE(media.as_object().contains("schema")) << r.pattern << " " << type;
      }
    }
    EXPECT_TRUE(success) << method << " " << r.pattern << " has no success answer";
    // Routes that take a request body describe it.
    if ((r.method == http::bh::verb::put || (r.method == http::bh::verb::post && r.tag != "ckan")) &&
        !op->as_object().contains("requestBody")) {
      static const std::set<std::string> kNoBody = {
          "/api/v1/auth/logout", "/api/v1/entries/{code}/versions/{id}/publish", "/api/v1/me/inbox/{id}/read",
          "/api/v1/workflow/tick", "/api/v1/me/favourites/{code}", "/api/v1/me/subscriptions/{code}"};
      EXPECT_TRUE(kNoBody.count(r.pattern)) << method << " " << r.pattern << " has no request body";
    }
  }
  // Nothing extra: the operations are exactly the routes.
  std::set<std::string> operations;
  for (const auto& [path, item] : paths) {
    for (const auto& [method, op] : item.as_object()) operations.insert(std::string(method) + " " + std::string(path));
  }
  EXPECT_EQ(operations, routes);
  // Several methods on one path are all there (the GETs used to be lost).
  EXPECT_TRUE(paths.at("/api/v1/orgs").as_object().contains("get"));
  EXPECT_TRUE(paths.at("/api/v1/orgs").as_object().contains("post"));
  EXPECT_TRUE(paths.at("/api/v1/entries/{code}").as_object().contains("get"));
  EXPECT_TRUE(paths.at("/api/v1/entries/{code}").as_object().contains("put"));
  EXPECT_TRUE(paths.at("/api/3/action/package_search").as_object().contains("get"));
  EXPECT_EQ(paths.at("/api/v1/users").at("post").at("x-permission").at("roles"), json::array({"admin"}));
  // The documentation files match the table: no route undocumented, no entry without a route,
  // every reference resolves.
  const auto problems = api::openapi_problems(s.router());
  std::string all;
  for (const auto& p : problems) all += p + "\n";
  EXPECT_TRUE(problems.empty()) << all;
}

// --- A small JSON Schema checker for the subset the description uses: $ref, allOf, oneOf, type
// (one or several), const, enum, properties, required, items, additionalProperties.

class SchemaChecker {
 public:
  explicit SchemaChecker(const json::value& doc) : doc_(doc) {}

  // Problems of `v` against `schema`, each with its JSON path.
  std::vector<std::string> check(const json::value& v, const json::value& schema) const {
    std::vector<std::string> out;
    walk(v, schema, "$", out);
    return out;
  }

  const json::value& resolve(const json::value& schema) const {
    const json::value* cur = &schema;
    for (int i = 0; i < 8 && cur->is_object() && cur->as_object().contains("$ref"); ++i) {
      std::string ref(cur->at("$ref").as_string());
      const json::value* at = &doc_;
      for (std::size_t pos = 2; pos < ref.size();) {
        auto slash = ref.find('/', pos);
        std::string part = ref.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
        at = &at->at(part);
        if (slash == std::string::npos) break;
        pos = slash + 1;
      }
      cur = at;
    }
    return *cur;
  }

 private:
  static bool has_type(const json::value& v, std::string_view t) {
    if (t == "null") return v.is_null();
    if (t == "boolean") return v.is_bool();
    if (t == "integer") return v.is_int64() || v.is_uint64() || (v.is_double() && v.as_double() == static_cast<double>(static_cast<std::int64_t>(v.as_double())));
    if (t == "number") return v.is_number();
    if (t == "string") return v.is_string();
    if (t == "array") return v.is_array();
    if (t == "object") return v.is_object();
    return false;
  }

  void walk(const json::value& v, const json::value& raw, const std::string& at, std::vector<std::string>& out) const {
    const json::value& schema = resolve(raw);
    if (!schema.is_object()) return;
    const auto& s = schema.as_object();
    if (const auto* all = s.if_contains("allOf")) {
      for (const auto& sub : all->as_array()) walk(v, sub, at, out);
    }
    if (const auto* one = s.if_contains("oneOf")) {
      int matches = 0;
      for (const auto& sub : one->as_array()) {
        std::vector<std::string> p;
        walk(v, sub, at, p);
        matches += p.empty();
      }
      if (matches != 1) out.push_back(at + ": matches " + std::to_string(matches) + " of oneOf");
    }
    if (const auto* t = s.if_contains("type")) {
      bool ok = false;
      if (t->is_string()) ok = has_type(v, t->as_string());
      for (const auto& x : t->is_array() ? t->as_array() : json::array{}) ok = ok || has_type(v, x.as_string());
      if (!ok) {
        out.push_back(at + ": " + json::serialize(v).substr(0, 80) + " is not " + json::serialize(*t));
        return;
      }
    }
    if (const auto* c = s.if_contains("const"); c && v != *c) out.push_back(at + ": not " + json::serialize(*c));
    if (const auto* e = s.if_contains("enum")) {
      bool found = false;
      for (const auto& x : e->as_array()) found = found || x == v;
      if (!found) out.push_back(at + ": " + json::serialize(v) + " not in " + json::serialize(*e));
    }
    if (v.is_object()) {
      const auto& o = v.as_object();
      if (const auto* req = s.if_contains("required")) {
        for (const auto& k : req->as_array()) {
          if (!o.contains(k.as_string())) out.push_back(at + ": missing " + std::string(k.as_string()));
        }
      }
      const json::object* props = s.if_contains("properties") ? &s.at("properties").as_object() : nullptr;
      for (const auto& [k, x] : o) {
        const std::string sub = at + "." + std::string(k);
        if (props && props->contains(k)) {
          walk(x, props->at(k), sub, out);
        } else if (const auto* more = s.if_contains("additionalProperties"); more && more->is_object()) {
          walk(x, *more, sub, out);
        } else if (more && more->is_bool() && !more->as_bool()) {
          out.push_back(sub + ": not allowed");
        }
      }
    }
    if (v.is_array()) {
      if (const auto* items = s.if_contains("items")) {
        std::size_t i = 0;
        for (const auto& x : v.as_array()) walk(x, *items, at + "[" + std::to_string(i++) + "]", out);
      }
    }
  }

  const json::value& doc_;
};

// Calls routes as their users do and checks each JSON answer against the schema the description
// gives for that route, method and status.
TEST_P(OpenApiTest, AnswersConformToTheDescribedSchemas) {
  TestServer s(GetParam());
  CatalogWorld w(s);
  const json::value doc = s.client().get("/api/openapi.json").json();
  SchemaChecker checker(doc);
  int checked = 0;
  auto expect = [&](Client& c, const std::string& method, const std::string& pattern, const std::string& target,
                    const json::value* body = nullptr) -> json::value {
    Reply r = method == "GET"      ? c.get(target)
              : method == "DELETE" ? c.del(target)
              : body               ? (method == "POST" ? c.post(target, *body)
                                                       : c.request(method, target, json::serialize(*body),
                                                                   {{"X-CSRF-Token", c.csrf}, {"Content-Type", "application/json"}}))
                                   : c.request(method, target, "", {{"X-CSRF-Token", c.csrf}});
    std::string m = method;
    for (auto& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto* op = doc.at("paths").as_object().if_contains(pattern);
    EXPECT_TRUE(op && op->as_object().contains(m)) << method << " " << pattern;
    if (!op || !op->as_object().contains(m)) return nullptr;
    const json::value& answers = op->at(m).at("responses");
    const std::string status = std::to_string(r.status);
    EXPECT_TRUE(r.status < 300) << method << " " << target << " answered " << r.status << ": " << r.body;
    const auto* answer = answers.as_object().if_contains(status);
    EXPECT_TRUE(answer) << method << " " << pattern << ": status " << status << " is not described";
    if (!answer || r.status == 204) return nullptr;
    const json::value& described = checker.resolve(*answer);
    const auto* schema = described.at("content").as_object().if_contains("application/json");
    EXPECT_TRUE(schema) << method << " " << pattern << " describes no JSON answer";
    if (!schema) return nullptr;
    const json::value got = r.json();
    auto problems = checker.check(got, schema->at("schema"));
    std::string text;
    for (const auto& p : problems) text += "  " + p + "\n";
    EXPECT_TRUE(problems.empty()) << method << " " << target << " does not match its schema:\n" << text;
    ++checked;
    return got;
  };

  Client anon = s.client();
  Client transport = w.login("transport");
  Client admin = w.login("admin");
  auto field = CatalogWorld::field("线路", "text", true);
  json::value entry = CatalogWorld::entry("OA-1", "公交线路", {field, CatalogWorld::field("票价", "decimal")});
  const json::value created = expect(transport, "POST", "/api/v1/entries", "/api/v1/entries", &entry);
  ASSERT_TRUE(created.is_object());
  auto job = w.upload(transport, "OA-1", "l.csv", "线路,票价\nK1,2\nK2,1.5\n");
  ASSERT_EQ(job.at("state"), "succeeded");
  const std::string version = std::to_string(job.at("version_id").as_int64());
  expect(transport, "GET", "/api/v1/jobs/{id}", "/api/v1/jobs/" + std::to_string(job.at("id").as_int64()));
  expect(transport, "GET", "/api/v1/entries/{code}/completeness", "/api/v1/entries/OA-1/completeness?version_id=" + version);
  expect(transport, "GET", "/api/v1/entries/{code}/versions/{id}/scan", "/api/v1/entries/OA-1/versions/" + version + "/scan");
  json::value mask = json::object{{"version_id", job.at("version_id")}, {"limit", 2}};
  expect(transport, "POST", "/api/v1/entries/{code}/mask-preview", "/api/v1/entries/OA-1/mask-preview", &mask);
  json::value publish = json::object{{"version_id", job.at("version_id")}};
  expect(admin, "POST", "/api/v1/entries/{code}/publish", "/api/v1/entries/OA-1/publish", &publish);
  // A routine update of the published entry: its path, then the update itself.
  auto update = w.upload(transport, "OA-1", "l2.csv", "线路,票价\nK1,2\nK2,1.5\nK3,3\n");
  ASSERT_EQ(update.at("state"), "succeeded");
  const std::string update_version = std::to_string(update.at("version_id").as_int64());
  expect(transport, "GET", "/api/v1/entries/{code}/versions/{id}/update-path",
         "/api/v1/entries/OA-1/versions/" + update_version + "/update-path");
  json::value submit_update = json::object{{"version_id", update.at("version_id")}};
  expect(transport, "POST", "/api/v1/entries/{code}/updates", "/api/v1/entries/OA-1/updates", &submit_update);

  // A second entry goes through the publication review.
  json::object second = CatalogWorld::entry("OA-2", "公交站点", {field});
  ASSERT_EQ(transport.post("/api/v1/entries", second).status, 201);
  auto job2 = w.upload(transport, "OA-2", "s.csv", "线路\nK9\n");
  ASSERT_EQ(job2.at("state"), "succeeded");
  json::value submit = json::object{{"version_id", job2.at("version_id")}, {"comment", "请审核"}};
  const json::value cs = expect(transport, "POST", "/api/v1/entries/{code}/submit", "/api/v1/entries/OA-2/submit", &submit);
  ASSERT_TRUE(cs.is_object());
  const std::string case_id = std::to_string(cs.at("id").as_int64());
  expect(transport, "GET", "/api/v1/cases", "/api/v1/cases?open=1");
  expect(transport, "GET", "/api/v1/cases/{id}", "/api/v1/cases/" + case_id);
  expect(transport, "GET", "/api/v1/me/inbox", "/api/v1/me/inbox");
  const json::value none = json::object{};
  expect(admin, "POST", "/api/v1/workflow/tick", "/api/v1/workflow/tick", &none);

  // The public side.
  expect(anon, "GET", "/api/v1/catalog", "/api/v1/catalog?q=%E5%85%AC%E4%BA%A4");
  expect(anon, "GET", "/api/v1/portal/stats", "/api/v1/portal/stats");
  expect(anon, "GET", "/api/v1/providers", "/api/v1/providers");
  expect(anon, "GET", "/api/v1/entries/{code}", "/api/v1/entries/OA-1");
  expect(anon, "GET", "/api/v1/entries/{code}/versions", "/api/v1/entries/OA-1/versions");
  expect(anon, "GET", "/api/v1/entries/{code}/preview", "/api/v1/entries/OA-1/preview?limit=1");
  expect(anon, "GET", "/api/v1/datasets/{code}/rows", "/api/v1/datasets/OA-1/rows?$limit=1");
  expect(anon, "GET", "/resource/{file}", "/resource/OA-1.json");
  expect(anon, "GET", "/api/3/action/package_search", "/api/3/action/package_search?q=%E5%85%AC%E4%BA%A4");
  expect(anon, "GET", "/api/3/action/package_show", "/api/3/action/package_show?id=OA-1");
  expect(anon, "GET", "/api/3/action/datastore_search", "/api/3/action/datastore_search?resource_id=OA-1-csv");
  expect(anon, "GET", "/api/action/status_show", "/api/action/status_show");
  expect(anon, "GET", "/api/v1/orgs", "/api/v1/orgs");
  expect(anon, "GET", "/api/v1/orgs/{id}", "/api/v1/orgs/" + std::to_string(w.transport_id));
  expect(anon, "GET", "/api/v1/policy", "/api/v1/policy");
  expect(anon, "GET", "/api/v1/calendar", "/api/v1/calendar");
  expect(anon, "GET", "/api/v1/calendar/{year}", "/api/v1/calendar/2026");
  expect(anon, "GET", "/api/v1/calendar/working-days", "/api/v1/calendar/working-days?from=2026-09-30&n=1");
  expect(anon, "GET", "/api/v1/licence", "/api/v1/licence");
  expect(anon, "GET", "/api/v1/auth/session", "/api/v1/auth/session");
  expect(anon, "GET", "/healthz", "/healthz");
  expect(anon, "GET", "/readyz", "/readyz");

  // A user's own pages.
  Client user = s.session_as("user");
  expect(user, "GET", "/api/v1/auth/session", "/api/v1/auth/session");
  expect(user, "GET", "/api/v1/me", "/api/v1/me");
  json::value key_name = json::object{{"name", "脚本"}};
  expect(user, "POST", "/api/v1/me/api-keys", "/api/v1/me/api-keys", &key_name);
  expect(user, "GET", "/api/v1/me/api-keys", "/api/v1/me/api-keys");
  expect(user, "GET", "/api/v1/me/api-keys/usage", "/api/v1/me/api-keys/usage");
  expect(user, "PUT", "/api/v1/me/favourites/{code}", "/api/v1/me/favourites/OA-1");
  expect(user, "GET", "/api/v1/me/favourites", "/api/v1/me/favourites");
  expect(user, "GET", "/api/v1/me/follow/{code}", "/api/v1/me/follow/OA-1");
  expect(user, "DELETE", "/api/v1/me/favourites/{code}", "/api/v1/me/favourites/OA-1");
  ASSERT_EQ(user.get("/api/v1/datasets/OA-1/download?format=csv").status, 200);
  expect(user, "GET", "/api/v1/me/downloads", "/api/v1/me/downloads");

  // Staff views.
  expect(transport, "GET", "/api/v1/entries", "/api/v1/entries");
  expect(transport, "GET", "/api/v1/entries/{code}/history", "/api/v1/entries/OA-1/history");
  expect(transport, "GET", "/api/v1/catalog/due", "/api/v1/catalog/due?within_days=365");
  expect(admin, "GET", "/api/v1/catalog/duplicates", "/api/v1/catalog/duplicates");
  expect(admin, "GET", "/api/v1/users", "/api/v1/users");
  expect(admin, "GET", "/api/v1/usage", "/api/v1/usage");
  expect(admin, "GET", "/api/v1/open-lists", "/api/v1/open-lists");
  EXPECT_GE(checked, 50);
}

KF_BACKEND_SUITE(OpenApiTest);

}  // namespace
}  // namespace kf::test
