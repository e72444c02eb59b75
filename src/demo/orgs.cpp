// Loading of data/demo/orgs.toml: the city, its districts, organisations and demo accounts.
#include <algorithm>
#include <array>
#include <filesystem>

#include "core/regions.h"
#include "demo/demo.h"
#include "demo/toml_read.h"

namespace kf::demo {
namespace {

// Mirrors access::kOrgKinds / kOrgLevels / kRoles (demo may call core only).
constexpr std::array<std::string_view, 5> kKinds = {"authority", "provider", "enterprise",
                                                    "institution", "other"};
constexpr std::array<std::string_view, 3> kLevels = {"province", "city", "county"};
constexpr std::array<std::string_view, 5> kRoles = {"admin", "authority", "provider", "user", "sharer"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

template <typename F>
Result<void> each_table(const toml::array* a, const std::string& where, F&& f) {
  if (a == nullptr) return kf::ok();
  std::size_t n = 0;
  for (const auto& node : *a) {
    ++n;
    const toml::table* t = node.as_table();
    const std::string at = where + " 第 " + std::to_string(n) + " 项";
    if (t == nullptr) return Error::invalid(at + "：应为表");
    KF_TRY(f(*t, at));
  }
  return kf::ok();
}

}  // namespace

Result<DemoOrgs> load_orgs(const std::string& path) {
  const std::string file = std::filesystem::path(path).filename().string();
  KF_ASSIGN(toml::table root, parse_toml_file(path));
  StrictTable r(root, file);
  const toml::table* city = r.table("city");
  const toml::array* districts = r.array("districts");
  const toml::array* orgs = r.array("orgs");
  const toml::array* users = r.array("users");
  KF_TRY(r.finish());
  DemoOrgs out;
  if (city == nullptr) return Error::invalid(file + "：缺少 [city]");
  StrictTable c(*city, file + " [city]");
  out.city_code = c.str("code", true);
  out.city_name = c.str("name", true);
  out.province_code = c.str("province", true);
  KF_TRY(c.finish());

  KF_TRY(each_table(districts, file + " [[districts]]", [&](const toml::table& t, const std::string& at) -> Result<void> {
    StrictTable d(t, at);
    DemoDistrict dd{d.str("code", true), d.str("name", true), d.str("kind", true)};
    KF_TRY(d.finish());
    if (!core::is_region_code_shape(dd.code)) return Error::invalid(at + "：行政区划代码应为6位数字");
    out.districts.push_back(std::move(dd));
    return kf::ok();
  }));

  KF_TRY(each_table(orgs, file + " [[orgs]]", [&](const toml::table& t, const std::string& at) -> Result<void> {
    StrictTable o(t, at);
    DemoOrg org{o.str("name", true), o.str("kind", true), o.str("level", true), o.str("region", true),
                o.str("parent"), o.str("credit_code"), o.str("legal_representative")};
    KF_TRY(o.finish());
    if (!one_of(kKinds, org.kind)) return Error::invalid(at + "：kind 取值无效");
    if (!one_of(kLevels, org.level)) return Error::invalid(at + "：level 取值无效");
    if (!core::is_region_code_shape(org.region)) return Error::invalid(at + "：region 应为6位数字");
    auto named = [&](const std::string& name) {
      return std::any_of(out.orgs.begin(), out.orgs.end(), [&](const DemoOrg& x) { return x.name == name; });
    };
    if (named(org.name)) return Error::invalid(at + "：组织名称重复：" + org.name);
    if (!org.parent.empty() && !named(org.parent)) {
      return Error::invalid(at + "：上级组织须在前面列出：" + org.parent);
    }
    out.orgs.push_back(std::move(org));
    return kf::ok();
  }));

  KF_TRY(each_table(users, file + " [[users]]", [&](const toml::table& t, const std::string& at) -> Result<void> {
    StrictTable u(t, at);
    DemoUser user;
    user.username = u.str("username", true);
    user.password = u.str("password", true);
    user.role = u.str("role", true);
    user.org = u.str("org");
    user.cdo = u.boolean("cdo");
    user.commissioner = u.boolean("commissioner");
    user.who = u.str("who", true);
    user.real_name = u.str("real_name");
    user.id_number = u.str("id_number");
    KF_TRY(u.finish());
    if (!one_of(kRoles, user.role)) return Error::invalid(at + "：role 取值无效");
    if (user.password.empty()) return Error::invalid(at + "：password 不能为空");
    const bool org_known = user.org.empty() || std::any_of(out.orgs.begin(), out.orgs.end(),
                                                           [&](const DemoOrg& x) { return x.name == user.org; });
    if (!org_known) return Error::invalid(at + "：组织不存在：" + user.org);
    const bool dup = std::any_of(out.users.begin(), out.users.end(),
                                 [&](const DemoUser& x) { return x.username == user.username; });
    if (dup) return Error::invalid(at + "：用户名重复：" + user.username);
    out.users.push_back(std::move(user));
    return kf::ok();
  }));
  return out;
}

}  // namespace kf::demo
