// The user centre (issue 7, item 2): favourites and subscriptions of published datasets, the
// inbox message subscribers get when a new version is published, and the download history of
// signed-in users, on both databases.
#include "catalog_fixture.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using UsercentreTest = BackendTest;

std::string csv_of(int n) {
  std::string csv = "线路,票价\n";
  for (int i = 0; i < n; ++i) csv += "K" + std::to_string(i) + "," + std::to_string(2 + i) + "\n";
  return csv;
}

// A provider with one published entry (UC-1, three rows) and one draft (UC-2), and the admin.
struct World {
  explicit World(TestServer& s) : w(s), provider(w.login("transport")), admin(s.client()) {
    admin.login("admin", TestServer::kPassword);
    create("UC-1", "公交线路信息");
    publish_new_version("UC-1", csv_of(3));
    create("UC-2", "出租车营运信息");
  }
  void create(const std::string& code, const std::string& name) {
    auto e = CatalogWorld::entry(code, name, {CatalogWorld::field("线路", "text", true),
                                              CatalogWorld::field("票价", "decimal")});
    auto r = provider.post("/api/v1/entries", e);
    if (r.status != 201) throw std::runtime_error(r.body);
  }
  // Uploads a version and publishes it; returns its id.
  std::int64_t publish_new_version(const std::string& code, const std::string& csv) {
    auto job = w.upload(provider, code, "lines.csv", csv);
    if (job.at("state") != "succeeded") throw std::runtime_error(json::serialize(job));
    auto id = job.at("version_id").as_int64();
    auto p = admin.post("/api/v1/entries/" + code + "/versions/" + std::to_string(id) + "/publish", json::object{});
    if (p.status != 200) throw std::runtime_error(p.body);
    return id;
  }
  CatalogWorld w;
  Client provider;
  Client admin;
};

Reply put(Client& c, const std::string& target) { return c.request("PUT", target, {}, {{"X-CSRF-Token", c.csrf}}); }

json::array items(const Reply& r) { return r.json().at("items").as_array(); }

json::array dataset_updates(Client& c) {
  json::array out;
  for (const auto& n : items(c.get("/api/v1/me/inbox"))) {
    if (n.at("kind") == "dataset_updated") out.push_back(n);
  }
  return out;
}

TEST_P(UsercentreTest, FavouritesOfPublishedEntriesOnly) {
  TestServer s(GetParam());
  World world(s);
  Client user = s.session_as("user");

  auto fav = put(user, "/api/v1/me/favourites/UC-1");
  ASSERT_EQ(fav.status, 200) << fav.body;
  EXPECT_EQ(fav.json().at("name"), "公交线路信息");
  EXPECT_EQ(fav.json().at("available"), true);
  EXPECT_EQ(put(user, "/api/v1/me/favourites/UC-1").status, 200);  // again: nothing changes
  auto list = user.get("/api/v1/me/favourites");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(items(list).size(), 1u);
  EXPECT_EQ(items(list)[0].at("code"), "UC-1");
  EXPECT_EQ(items(list)[0].at("provider_name"), "潍坊市交通运输局");
  auto follow = user.get("/api/v1/me/follow/UC-1");
  EXPECT_EQ(follow.json().at("favourite"), true);
  EXPECT_EQ(follow.json().at("subscribed"), false);

  // A draft and an unknown code cannot be followed: 404 with a message in words.
  for (const char* code : {"UC-2", "NO-SUCH"}) {
    for (const char* what : {"favourites", "subscriptions"}) {
      auto r = put(user, std::string("/api/v1/me/") + what + "/" + code);
      EXPECT_EQ(r.status, 404) << what << " " << code;
      EXPECT_EQ(r.error_code(), "not_found");
      EXPECT_EQ(r.error_message(), "数据集不存在或尚未开放");
    }
  }
  EXPECT_EQ(user.del("/api/v1/me/favourites/NO-SUCH").status, 404);
  EXPECT_EQ(user.get("/api/v1/me/follow/NO-SUCH").json().at("favourite"), false);

  // Another user's favourites are their own.
  Client other = s.session_as("user");
  EXPECT_TRUE(items(other.get("/api/v1/me/favourites")).empty());
  EXPECT_EQ(other.get("/api/v1/me/follow/UC-1").json().at("favourite"), false);

  EXPECT_EQ(user.del("/api/v1/me/favourites/UC-1").status, 204);
  EXPECT_TRUE(items(user.get("/api/v1/me/favourites")).empty());
  EXPECT_EQ(user.del("/api/v1/me/favourites/UC-1").status, 204);  // again: nothing to remove

  // Signed-in users only; unsafe methods need the CSRF token.
  Client anon = s.client();
  EXPECT_EQ(anon.get("/api/v1/me/favourites").status, 401);
  EXPECT_EQ(anon.get("/api/v1/me/downloads").status, 401);
  EXPECT_EQ(put(anon, "/api/v1/me/subscriptions/UC-1").status, 401);
  EXPECT_EQ(user.request("PUT", "/api/v1/me/favourites/UC-1").status, 403);
}

TEST_P(UsercentreTest, SubscribersHearOfANewVersionOnce) {
  TestServer s(GetParam());
  World world(s);
  Client subscriber = s.session_as("user");
  Client fan = s.session_as("user");       // a favourite is not a subscription
  Client bystander = s.session_as("user");
  Client quitter = s.session_as("user");   // subscribed, then unsubscribed

  auto sub = put(subscriber, "/api/v1/me/subscriptions/UC-1");
  ASSERT_EQ(sub.status, 200) << sub.body;
  EXPECT_EQ(put(subscriber, "/api/v1/me/subscriptions/UC-1").status, 200);
  ASSERT_EQ(put(fan, "/api/v1/me/favourites/UC-1").status, 200);
  ASSERT_EQ(put(quitter, "/api/v1/me/subscriptions/UC-1").status, 200);
  ASSERT_EQ(quitter.del("/api/v1/me/subscriptions/UC-1").status, 204);
  auto subs = subscriber.get("/api/v1/me/subscriptions");
  ASSERT_EQ(items(subs).size(), 1u);
  EXPECT_EQ(items(subs)[0].at("code"), "UC-1");
  EXPECT_EQ(subscriber.get("/api/v1/me/follow/UC-1").json().at("subscribed"), true);
  EXPECT_TRUE(dataset_updates(subscriber).empty());

  world.publish_new_version("UC-1", csv_of(5));

  auto got = dataset_updates(subscriber);
  ASSERT_EQ(got.size(), 1u) << json::serialize(got);
  EXPECT_EQ(got[0].at("title"), "数据集更新：公交线路信息");
  const std::string body(got[0].at("body").as_string());
  EXPECT_NE(body.find("（编码 UC-1）"), std::string::npos) << body;
  EXPECT_EQ(got[0].at("subject_code"), "UC-1");
  EXPECT_NE(body.find("第 2 版，共 5 条记录"), std::string::npos) << body;
  EXPECT_EQ(got[0].at("read"), false);
  EXPECT_TRUE(dataset_updates(fan).empty());
  EXPECT_TRUE(dataset_updates(bystander).empty());
  EXPECT_TRUE(dataset_updates(quitter).empty());
  EXPECT_TRUE(dataset_updates(world.admin).empty());

  // Publishing the same version again is no new version: no second message.
  auto again = world.admin.post("/api/v1/entries/UC-1/publish", json::object{});
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(dataset_updates(subscriber).size(), 1u);

  // A plain user reads and marks messages in the inbox.
  auto unread = subscriber.get("/api/v1/me/inbox?unread=1");
  ASSERT_EQ(unread.status, 200);
  EXPECT_EQ(unread.json().at("unread"), 1);
  auto id = got[0].at("id").as_int64();
  EXPECT_EQ(subscriber.post("/api/v1/me/inbox/" + std::to_string(id) + "/read", json::object{}).status, 204);
  EXPECT_EQ(subscriber.get("/api/v1/me/inbox?unread=1").json().at("unread"), 0);
  EXPECT_EQ(bystander.post("/api/v1/me/inbox/" + std::to_string(id) + "/read", json::object{}).status, 404);
}

TEST_P(UsercentreTest, DownloadHistoryOfSignedInUsersOnly) {
  TestServer s(GetParam());
  World world(s);
  Client anon = s.client();
  ASSERT_EQ(anon.get("/api/v1/datasets/UC-1/download?format=csv").status, 200);
  {
    auto conn = s.runtime().pool->acquire();
    ASSERT_TRUE(conn);
    auto n = (*conn)->query("SELECT COUNT(*) FROM download_history");
    ASSERT_TRUE(n);
    EXPECT_EQ(n->rows[0].int64(0), 0) << "anonymous downloads are not recorded";
  }

  Client user = s.session_as("user");
  EXPECT_EQ(user.get("/api/v1/me/downloads").json().at("total"), 0);
  auto csv = user.get("/api/v1/datasets/UC-1/download?format=csv");
  ASSERT_EQ(csv.status, 200);
  // Not modified: the user has it already; no new record.
  auto same = user.request("GET", "/api/v1/datasets/UC-1/download?format=csv", {}, {{"If-None-Match", csv.headers["etag"]}});
  EXPECT_EQ(same.status, 304);

  // With an API key: the key's owner.
  auto key = user.post("/api/v1/me/api-keys", {{"name", "脚本"}});
  ASSERT_EQ(key.status, 201) << key.body;
  Client script = s.client();
  script.extra_headers["X-Api-Key"] = std::string(key.json().at("key").as_string());
  s.clock().advance(std::chrono::seconds(5));
  ASSERT_EQ(script.get("/api/v1/datasets/UC-1/download?format=json").status, 200);

  auto history = user.get("/api/v1/me/downloads");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(history.json().at("total"), 2);
  auto list = items(history);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("format"), "json");  // newest first
  EXPECT_EQ(list[1].at("format"), "csv");
  EXPECT_EQ(list[1].at("entry_code"), "UC-1");
  EXPECT_EQ(list[1].at("entry_name"), "公交线路信息");
  EXPECT_EQ(list[1].at("version_number"), 1);
  EXPECT_EQ(list[1].at("rows"), 3);
  EXPECT_EQ(history.body.find("K0"), std::string::npos) << "no data values in the history";

  auto page2 = user.get("/api/v1/me/downloads?page=2&size=1");
  ASSERT_EQ(items(page2).size(), 1u);
  EXPECT_EQ(items(page2)[0].at("format"), "csv");
  EXPECT_EQ(page2.json().at("total"), 2);

  // One user cannot see another's history.
  Client other = s.session_as("user");
  auto theirs = other.get("/api/v1/me/downloads");
  EXPECT_EQ(theirs.json().at("total"), 0);
  EXPECT_TRUE(items(theirs).empty());

  // The routes are in the OpenAPI description with their Chinese summaries.
  auto doc = anon.get("/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_NE(doc.body.find("/api/v1/me/downloads"), std::string::npos);
  EXPECT_NE(doc.body.find("/api/v1/me/subscriptions/{code}"), std::string::npos);
  EXPECT_NE(doc.body.find("我的下载记录"), std::string::npos);
}

}  // namespace

KF_BACKEND_SUITE(UsercentreTest);

}  // namespace kf::test
