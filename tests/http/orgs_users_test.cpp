// Organisations with GB/T 2260 region codes, and user administration.
#include <boost/json.hpp>

#include "harness.h"

namespace kf::test {
namespace {

namespace json = boost::json;
using OrgUserTest = BackendTest;

TEST_P(OrgUserTest, OrganisationsAreCheckedAgainstTheRegionList) {
  TestServer s(GetParam());
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  auto province = admin.post("/api/v1/orgs", {{"name", "山东省大数据局"}, {"kind", "authority"},
                                              {"level", "province"}, {"region_code", "370000"}});
  ASSERT_EQ(province.status, 201) << province.body;
  EXPECT_EQ(province.json().at("region_name"), "山东省");
  std::int64_t pid = province.json().at("id").as_int64();

  auto city = admin.post("/api/v1/orgs", {{"name", "潍坊市交通运输局"}, {"kind", "provider"},
                                          {"level", "city"}, {"region_code", "370700"},
                                          {"parent_id", pid}});
  ASSERT_EQ(city.status, 201) << city.body;
  EXPECT_EQ(city.json().at("parent_id"), pid);

  auto unknown = admin.post("/api/v1/orgs", {{"name", "不存在区划"}, {"kind", "provider"},
                                             {"level", "city"}, {"region_code", "379900"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.json().at("error").at("field"), "region_code");
  auto malformed = admin.post("/api/v1/orgs", {{"name", "坏区划"}, {"kind", "provider"},
                                               {"level", "city"}, {"region_code", "37A700"}});
  EXPECT_EQ(malformed.error_message(), "行政区划代码应为6位数字");
  auto wrong_level = admin.post("/api/v1/orgs", {{"name", "层级不符"}, {"kind", "provider"},
                                                 {"level", "county"}, {"region_code", "370700"}});
  EXPECT_EQ(wrong_level.status, 400);
  auto bad_kind = admin.post("/api/v1/orgs", {{"name", "类型不符"}, {"kind", "company"},
                                              {"level", "city"}, {"region_code", "370700"}});
  EXPECT_EQ(bad_kind.json().at("error").at("field"), "kind");
  EXPECT_EQ(admin.post("/api/v1/orgs", {{"name", "潍坊市交通运输局"}, {"kind", "provider"},
                                        {"level", "city"}, {"region_code", "370700"}})
                .status,
            409);

  Client anyone = s.client();
  auto list = anyone.get("/api/v1/orgs");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.json().at("items").as_array().size(), 2u);
  auto one = anyone.get("/api/v1/orgs/" + std::to_string(pid));
  EXPECT_EQ(one.json().at("name"), "山东省大数据局");
  EXPECT_EQ(anyone.get("/api/v1/orgs/99999").status, 404);
  EXPECT_EQ(anyone.get("/api/v1/orgs/abc").status, 404);
}

TEST_P(OrgUserTest, AdminCreatesStaffWithRolesAndMembership) {
  TestServer s(GetParam());
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  auto org = admin.post("/api/v1/orgs", {{"name", "潍坊市交通运输局"}, {"kind", "provider"},
                                         {"level", "city"}, {"region_code", "370700"}});
  ASSERT_EQ(org.status, 201);
  std::int64_t oid = org.json().at("id").as_int64();
  auto u = admin.post("/api/v1/users", {{"username", "transport"},
                                        {"password", "Jiaotong-2026"},
                                        {"roles", json::array{"provider"}},
                                        {"org_id", oid},
                                        {"is_commissioner", true}});
  ASSERT_EQ(u.status, 201) << u.body;
  EXPECT_EQ(u.json().at("roles"), json::array({"provider"}));
  EXPECT_EQ(u.json().at("orgs").at(0).at("is_commissioner"), true);
  EXPECT_EQ(u.json().at("orgs").at(0).at("org_name"), "潍坊市交通运输局");

  auto bad_role = admin.post("/api/v1/users", {{"username", "x_user"}, {"password", "Jiaotong-2026"},
                                               {"roles", json::array{"superuser"}}});
  EXPECT_EQ(bad_role.status, 400);
  auto bad_org = admin.post("/api/v1/users", {{"username", "y_user"}, {"password", "Jiaotong-2026"},
                                              {"org_id", 424242}});
  EXPECT_EQ(bad_org.status, 404);
  // Nothing half-created: the refused user does not exist.
  auto list = admin.get("/api/v1/users").json();
  for (const auto& item : list.at("items").as_array()) {
    EXPECT_NE(item.at("username"), "y_user");
  }

  Client staff = s.client();
  ASSERT_EQ(staff.login("transport", "Jiaotong-2026").status, 200);
  EXPECT_EQ(staff.get("/api/v1/me").json().at("roles"), json::array({"provider"}));
}

TEST_P(OrgUserTest, RegistrationValidatesContactDetails) {
  TestServer s(GetParam());
  Client c = s.client();
  auto phone = c.post("/api/v1/auth/register", {{"username", "zhou.yu"}, {"password", "Open-Data-88"},
                                                {"phone", "12345"}});
  EXPECT_EQ(phone.json().at("error").at("field"), "phone");
  auto email = c.post("/api/v1/auth/register", {{"username", "zhou.yu"}, {"password", "Open-Data-88"},
                                                {"email", "not-an-email"}});
  EXPECT_EQ(email.json().at("error").at("field"), "email");
  auto name = c.post("/api/v1/auth/register", {{"username", "周 瑜"}, {"password", "Open-Data-88"}});
  EXPECT_EQ(name.json().at("error").at("field"), "username");
  // Self-registration cannot grant itself a role.
  auto sneaky = c.post("/api/v1/auth/register", {{"username", "zhou.yu"}, {"password", "Open-Data-88"},
                                                 {"roles", json::array{"admin"}}});
  ASSERT_EQ(sneaky.status, 201);
  EXPECT_EQ(sneaky.json().at("user").at("roles"), json::array({"user"}));
}

TEST_P(OrgUserTest, AdminChangesRolesMembershipsAndDisablesAccounts) {
  TestServer s(GetParam());
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  auto org1 = admin.post("/api/v1/orgs", {{"name", "潍坊市交通运输局"}, {"kind", "provider"},
                                          {"level", "city"}, {"region_code", "370700"}});
  auto org2 = admin.post("/api/v1/orgs", {{"name", "潍坊市大数据局"}, {"kind", "authority"},
                                          {"level", "city"}, {"region_code", "370700"}});
  ASSERT_EQ(org2.status, 201);
  std::int64_t o1 = org1.json().at("id").as_int64(), o2 = org2.json().at("id").as_int64();
  auto created = admin.post("/api/v1/users", {{"username", "staff.li"}, {"password", "Jiaotong-2026"},
                                              {"roles", json::array{"provider"}}, {"org_id", o1}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/users/" + std::to_string(created.json().at("id").as_int64());
  const std::map<std::string, std::string> h{{"Content-Type", "application/json"}, {"X-CSRF-Token", admin.csrf}};
  auto put = [&](const json::value& body) { return admin.request("PUT", path, json::serialize(body), h); };

  Client staff = s.client();
  ASSERT_EQ(staff.login("staff.li", "Jiaotong-2026").status, 200);
  auto key = staff.post("/api/v1/me/api-keys", {{"name", "脚本"}});
  ASSERT_EQ(key.status, 201) << key.body;
  Client by_key = s.client();
  by_key.extra_headers["X-Api-Key"] = std::string(key.json().at("key").as_string());
  ASSERT_EQ(by_key.get("/api/v1/me").status, 200);

  // Roles and memberships are replaced whole; the answer is the changed user.
  auto changed = put({{"roles", json::array{"authority", "user", "authority"}},
                      {"orgs", json::array{json::object{{"org_id", o2}, {"is_cdo", true}}}}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json().at("roles"), json::array({"authority", "user"}));
  ASSERT_EQ(changed.json().at("orgs").as_array().size(), 1u);
  EXPECT_EQ(changed.json().at("orgs").at(0).at("org_name"), "潍坊市大数据局");
  EXPECT_EQ(changed.json().at("orgs").at(0).at("is_cdo"), true);
  EXPECT_EQ(staff.get("/api/v1/me").json().at("roles"), json::array({"authority", "user"}));

  // Refusals change nothing.
  EXPECT_EQ(put({{"roles", json::array{}}}).json().at("error").at("field"), "roles");
  EXPECT_EQ(put({{"roles", json::array{"superuser"}}}).status, 400);
  EXPECT_EQ(put({{"roles", "admin"}}).status, 400);
  EXPECT_EQ(put({{"orgs", json::array{json::object{{"org_id", 424242}}}}}).status, 404);
  EXPECT_EQ(put({{"orgs", json::array{json::object{{"is_cdo", true}}}}}).status, 400);
  EXPECT_EQ(put({{"disabled", "yes"}}).status, 400);
  EXPECT_EQ(put(json::object{}).status, 400);
  EXPECT_EQ(admin.request("PUT", "/api/v1/users/99999", R"({"disabled":true})", h).status, 404);
  EXPECT_EQ(staff.get("/api/v1/me").json().at("orgs").at(0).at("org_id"), o2);

  // Disabling: the session and the API key stop working, and login is refused.
  auto disabled = put({{"disabled", true}});
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.json().at("disabled"), true);
  EXPECT_EQ(staff.get("/api/v1/me").status, 401);
  EXPECT_EQ(by_key.get("/api/v1/me").status, 401);
  Client again = s.client();
  auto refused = again.login("staff.li", "Jiaotong-2026");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_code(), "account_disabled");

  // Enabling again: login and the key work; the old session stays revoked.
  ASSERT_EQ(put({{"disabled", false}}).status, 200);
  EXPECT_EQ(again.login("staff.li", "Jiaotong-2026").status, 200);
  EXPECT_EQ(by_key.get("/api/v1/me").status, 200);
  EXPECT_EQ(staff.get("/api/v1/me").status, 401);

  // Only administrators change accounts.
  Client authority = s.session_as("authority");
  EXPECT_EQ(authority.request("PUT", path, R"({"disabled":true})",
                              {{"Content-Type", "application/json"}, {"X-CSRF-Token", authority.csrf}})
                .status,
            403);
}

TEST_P(OrgUserTest, AdministratorsCannotLockThemselvesOut) {
  TestServer s(GetParam());
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  auto me = admin.get("/api/v1/me").json();
  const std::string path = "/api/v1/users/" + std::to_string(me.at("id").as_int64());
  const std::map<std::string, std::string> h{{"Content-Type", "application/json"}, {"X-CSRF-Token", admin.csrf}};

  auto demote = admin.request("PUT", path, R"({"roles":["authority"]})", h);
  EXPECT_EQ(demote.status, 400);
  EXPECT_EQ(demote.error_message(), "不能移除自己的管理员角色");
  auto disable = admin.request("PUT", path, R"({"disabled":true})", h);
  EXPECT_EQ(disable.status, 400);
  EXPECT_EQ(disable.error_message(), "不能停用自己的账号");
  EXPECT_EQ(admin.get("/api/v1/me").json().at("roles"), me.at("roles"));

  // Adding a role to oneself, keeping admin, is fine.
  auto more = admin.request("PUT", path, R"({"roles":["admin","authority"],"disabled":false})", h);
  ASSERT_EQ(more.status, 200) << more.body;
  EXPECT_EQ(more.json().at("roles"), json::array({"admin", "authority"}));
  EXPECT_EQ(admin.get("/api/v1/me").status, 200);
}

KF_BACKEND_SUITE(OrgUserTest);

}  // namespace
}  // namespace kf::test
