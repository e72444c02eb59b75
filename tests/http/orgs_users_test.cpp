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

KF_BACKEND_SUITE(OrgUserTest);

}  // namespace
}  // namespace kf::test
