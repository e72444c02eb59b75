// Registration, login, sessions, lock-out, real-name verification, API keys, CSRF.
#include <boost/json.hpp>

#include "harness.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using AuthTest = BackendTest;

TEST_P(AuthTest, RegisterLoginMeLogout) {
  TestServer s(GetParam());
  Client c = s.client();
  auto r = c.post("/api/v1/auth/register", {{"username", "wang.fang"},
                                            {"password", "Open-Data-88"},
                                            {"phone", "13812345678"},
                                            {"email", "wf@example.cn"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json().at("user").at("roles"), json::array({"user"}));

  EXPECT_EQ(c.post("/api/v1/auth/register", {{"username", "wang.fang"}, {"password", "Open-Data-88"}}).status, 409);
  auto weak = c.post("/api/v1/auth/register", {{"username", "li.lei"}, {"password", "password"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_NE(weak.error_message().find("三类"), std::string::npos) << weak.body;

  EXPECT_EQ(c.get("/api/v1/me").status, 401);
  auto visitor = c.get("/api/v1/auth/session");  // a visitor is an answer, not an error
  ASSERT_EQ(visitor.status, 200);
  EXPECT_TRUE(visitor.json().at("user").is_null());
  ASSERT_EQ(c.login("wang.fang", "Open-Data-88").status, 200);
  auto set_cookie = c.login("wang.fang", "Open-Data-88").headers["set-cookie"];
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Lax"), std::string::npos);
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json().at("username"), "wang.fang");
  EXPECT_EQ(me.json().at("csrf_token"), json::value(c.csrf));
  auto session = c.get("/api/v1/auth/session");
  ASSERT_EQ(session.status, 200);
  EXPECT_EQ(session.json().at("user"), me.json());

  EXPECT_EQ(c.post("/api/v1/auth/logout", json::object{}).status, 204);
  EXPECT_EQ(c.get("/api/v1/me").status, 401);  // the session was revoked on the server
  EXPECT_TRUE(c.get("/api/v1/auth/session").json().at("user").is_null());
}

TEST_P(AuthTest, FiveWrongPasswordsLockTheAccountForTheConfiguredTime) {
  TestServer s(GetParam(), "security.lockout_threshold = 5\nsecurity.lockout_minutes = 15\n");
  s.make_user("zhao.min", "user");
  Client c = s.client();
  for (int i = 0; i < 4; ++i) {
    auto r = c.login("zhao.min", "Wrong-Pass-1");
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.error_message(), "用户名或密码错误");
  }
  auto fifth = c.login("zhao.min", "Wrong-Pass-1");
  EXPECT_EQ(fifth.status, 403);
  EXPECT_EQ(fifth.error_code(), "account_locked");
  EXPECT_NE(fifth.error_message().find("15 分钟"), std::string::npos) << fifth.body;
  // Locked: even the right password is refused.
  EXPECT_EQ(c.login("zhao.min", TestServer::kPassword).error_code(), "account_locked");
  s.clock().advance(std::chrono::minutes(14));
  EXPECT_EQ(c.login("zhao.min", TestServer::kPassword).status, 403);
  s.clock().advance(std::chrono::minutes(2));
  EXPECT_EQ(c.login("zhao.min", TestServer::kPassword).status, 200);
}

TEST_P(AuthTest, UnknownUserAndWrongPasswordLookTheSame) {
  TestServer s(GetParam());
  Client c = s.client();
  auto unknown = c.login("nobody", "Whatever-123");
  s.make_user("qian.li", "user");
  auto wrong = c.login("qian.li", "Whatever-123");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body);
}

TEST_P(AuthTest, SessionsExpireWhenIdleAndAtTheirLifetime) {
  TestServer s(GetParam(), "security.session_idle_minutes = 30\nsecurity.session_ttl_minutes = 120\n");
  Client c = s.session_as("user");
  s.clock().advance(std::chrono::minutes(29));
  EXPECT_EQ(c.get("/api/v1/me").status, 200);  // refreshes the idle timer
  s.clock().advance(std::chrono::minutes(29));
  EXPECT_EQ(c.get("/api/v1/me").status, 200);
  s.clock().advance(std::chrono::minutes(31));
  EXPECT_EQ(c.get("/api/v1/me").status, 401);

  Client d = s.session_as("user");
  for (int i = 0; i < 5; ++i) {
    s.clock().advance(std::chrono::minutes(25));
    EXPECT_EQ(d.get("/api/v1/me").status, i < 4 ? 200 : 401) << "step " << i;
  }
}

TEST_P(AuthTest, RealNameVerificationChecksTheCheckDigitAndKeepsNoRawNumber) {
  TestServer s(GetParam());
  Client c = s.session_as("user");
  auto bad = c.post("/api/v1/me/verify", {{"name", "张三"}, {"id_number", "110105194912310021"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json().at("error").at("field"), "id_number");
  EXPECT_EQ(bad.error_message(), "身份证号码校验位错误，请核对后重新输入");
  EXPECT_EQ(c.post("/api/v1/me/verify", {{"name", "张三"}, {"id_number", "1101051949"}}).status, 400);

  auto good = c.post("/api/v1/me/verify", {{"name", "张三丰"}, {"id_number", "11010519491231002X"}});
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json().at("real_name_verified"), true);
  EXPECT_EQ(good.json().at("real_name_masked"), "张**");
  EXPECT_EQ(good.body.find("11010519491231002X"), std::string::npos);

  // Neither the number nor the name reaches the database or the log in clear.
  auto conn = s.runtime().pool->acquire();
  ASSERT_TRUE(conn);
  auto rs = (*conn)->query("SELECT id_number_hash, real_name_masked FROM users WHERE real_name_masked IS NOT NULL");
  ASSERT_TRUE(rs);
  ASSERT_EQ(rs->rows.size(), 1u);
  EXPECT_EQ(rs->rows[0].text(0).find("11010519491231002X"), std::string::npos);
  EXPECT_EQ(rs->rows[0].text(0).size(), 64u);
  std::string log = captured_log();
  EXPECT_EQ(log.find("11010519491231002"), std::string::npos);
  EXPECT_EQ(log.find("110105194912310021"), std::string::npos);
  EXPECT_EQ(log.find("张三丰"), std::string::npos);
  EXPECT_NE(log.find("\"route\":\"/api/v1/me/verify\""), std::string::npos);  // it did log the call
}

TEST_P(AuthTest, CookiePostWithoutCsrfTokenIsRefused) {
  TestServer s(GetParam());
  Client c = s.session_as("user");
  std::string token = c.csrf;
  c.csrf.clear();
  auto r = c.post("/api/v1/me/api-keys", {{"name", "无令牌"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.error_code(), "csrf_failed");
  c.csrf = "wrong-token";
  EXPECT_EQ(c.post("/api/v1/me/api-keys", {{"name", "错令牌"}}).status, 403);
  c.csrf = token;
  EXPECT_EQ(c.post("/api/v1/me/api-keys", {{"name", "有令牌"}}).status, 201);
}

TEST_P(AuthTest, ApiKeysAreShownOnceListedUsableAndRevocable) {
  TestServer s(GetParam());
  Client c = s.session_as("user");
  auto created = c.post("/api/v1/me/api-keys", {{"name", "数据分析脚本"}});
  ASSERT_EQ(created.status, 201) << created.body;
  std::string key(created.json().at("key").as_string());
  std::int64_t id = created.json().at("id").as_int64();
  EXPECT_TRUE(key.starts_with("kf_"));

  auto list = c.get("/api/v1/me/api-keys");
  ASSERT_EQ(list.status, 200);
  auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("name"), "数据分析脚本");
  EXPECT_FALSE(items[0].as_object().contains("key"));  // never shown again
  EXPECT_EQ(list.body.find(key), std::string::npos);

  // The key authenticates without a cookie, and needs no CSRF token.
  Client k = s.client();
  k.extra_headers["X-Api-Key"] = key;
  EXPECT_EQ(k.get("/api/v1/me").status, 200);
  EXPECT_EQ(k.post("/api/v1/me/api-keys", {{"name", "由密钥创建"}}).status, 201);
  Client soda = s.client();
  soda.extra_headers["X-App-Token"] = key;
  EXPECT_EQ(soda.get("/api/v1/me").status, 200);

  // Another user cannot revoke it; the owner can, and then it stops working.
  Client other = s.session_as("user");
  EXPECT_EQ(other.del("/api/v1/me/api-keys/" + std::to_string(id)).status, 404);
  EXPECT_EQ(c.del("/api/v1/me/api-keys/" + std::to_string(id)).status, 204);
  auto refused = k.get("/api/v1/me");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.error_code(), "unauthenticated");
  Client forged = s.client();
  forged.extra_headers["X-Api-Key"] = key.substr(0, key.size() - 2) + "zz";
  EXPECT_EQ(forged.get("/api/v1/orgs").status, 401);  // a wrong key is refused even on public routes
}

TEST_P(AuthTest, LockedByAdminCannotLogInAndLosesSessions) {
  TestServer s(GetParam());
  s.make_user("sun.wei", "user");
  Client c = s.client();
  ASSERT_EQ(c.login("sun.wei", TestServer::kPassword).status, 200);
  ASSERT_TRUE(s.runtime().access->set_disabled("sun.wei", true));
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
  EXPECT_EQ(c.login("sun.wei", TestServer::kPassword).error_code(), "account_disabled");
  ASSERT_TRUE(s.runtime().access->set_disabled("sun.wei", false));
  EXPECT_EQ(c.login("sun.wei", TestServer::kPassword).status, 200);
}

KF_BACKEND_SUITE(AuthTest);

}  // namespace
}  // namespace kf::test
