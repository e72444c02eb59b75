// Every route declares who may call it; this proves the refusals for every route.
#include <boost/json.hpp>

#include "harness.h"

namespace kf::test {
namespace {

using PermissionTest = BackendTest;

std::string concrete(const std::string& pattern) {
  std::string out;
  for (const auto& seg : http::split_path(pattern)) {
    out += "/";
    out += seg.front() == '{' ? "1" : seg;
  }
  return out;
}

TEST_P(PermissionTest, EveryProtectedRouteRefusesAnonymousAndWrongRoles) {
  TestServer s(GetParam());
  Client anonymous = s.client();
  Client plain_user = s.session_as("user");
  int checked_401 = 0, checked_403 = 0;
  for (const auto& r : s.router().routes()) {
    std::string method(http::bh::to_string(r.method));
    std::string target = concrete(r.pattern);
    if (r.permission.kind == http::Permission::Kind::anyone) continue;
    auto a = anonymous.request(method, target, "{}", {{"X-CSRF-Token", "x"}});
    EXPECT_EQ(a.status, 401) << method << " " << r.pattern;
    EXPECT_EQ(a.error_code(), "unauthenticated") << method << " " << r.pattern;
    ++checked_401;
    if (r.permission.kind == http::Permission::Kind::roles) {
      auto u = plain_user.request(method, target, "{}", {{"X-CSRF-Token", plain_user.csrf}});
      EXPECT_EQ(u.status, 403) << method << " " << r.pattern;
      EXPECT_EQ(u.error_code(), "permission_denied") << method << " " << r.pattern;
      ++checked_403;
    }
  }
  EXPECT_GE(checked_401, 8);
  EXPECT_GE(checked_403, 3);
}

TEST_P(PermissionTest, RoleRoutesAdmitTheirRoles) {
  TestServer s(GetParam());
  Client admin = s.client();
  ASSERT_EQ(admin.login("admin", TestServer::kPassword).status, 200);
  EXPECT_EQ(admin.get("/api/v1/users").status, 200);
  Client authority = s.session_as("authority");
  EXPECT_EQ(authority.get("/api/v1/users").status, 403);
  auto org = authority.post("/api/v1/orgs", {{"name", "潍坊市大数据局"},
                                              {"kind", "authority"},
                                              {"level", "city"},
                                              {"region_code", "370700"}});
  EXPECT_EQ(org.status, 201) << org.body;
  Client provider = s.session_as("provider");
  EXPECT_EQ(provider.post("/api/v1/orgs", {{"name", "x"}, {"kind", "provider"}, {"level", "city"},
                                           {"region_code", "370700"}})
                .status,
            403);
}

KF_BACKEND_SUITE(PermissionTest);

}  // namespace
}  // namespace kf::test
