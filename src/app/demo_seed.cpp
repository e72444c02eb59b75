// Demonstration organisations and accounts for `make demo`: a province, the city of Weifang
// with its bureau and departments, a district, and one account per role.
#include <cstdio>

#include "app/commands.h"

namespace kf::app {
namespace {

struct DemoOrg {
  const char* name;
  const char* kind;
  const char* level;
  const char* region;
  const char* parent;
};

constexpr DemoOrg kOrgs[] = {
    {"山东省大数据局", "authority", "province", "370000", ""},
    {"潍坊市大数据局", "authority", "city", "370700", "山东省大数据局"},
    {"潍坊市交通运输局", "provider", "city", "370700", "潍坊市大数据局"},
    {"潍坊市市场监督管理局", "provider", "city", "370700", "潍坊市大数据局"},
    {"潍坊市卫生健康委员会", "provider", "city", "370700", "潍坊市大数据局"},
    {"潍坊市自然资源和规划局", "provider", "city", "370700", "潍坊市大数据局"},
    {"潍坊市公共交通集团有限公司", "institution", "city", "370700", "潍坊市交通运输局"},
    {"奎文区大数据中心", "authority", "county", "370705", "潍坊市大数据局"},
    {"潍坊数智科技有限公司", "enterprise", "city", "370700", ""},
};

struct DemoUser {
  const char* username;
  const char* password;
  const char* role;
  const char* org;
  bool cdo;
  bool commissioner;
  const char* who;
};

constexpr DemoUser kUsers[] = {
    {"bureau", "Demo-2026!kf", "authority", "潍坊市大数据局", true, false, "主管部门（大数据局）审核员"},
    {"transport", "Demo-2026!kf", "provider", "潍坊市交通运输局", false, true, "数源部门（交通运输局）数据专员"},
    {"market", "Demo-2026!kf", "provider", "潍坊市市场监督管理局", false, true, "数源部门（市场监管局）数据专员"},
    {"citizen", "Demo-2026!kf", "user", "", false, false, "普通用户（公民）"},
};

}  // namespace

int run_demo_seed(const GlobalOptions& g) {
  auto rt_result = open_runtime(g, SchemaMode::migrate);
  if (!rt_result) return print_error(rt_result.error()), 1;
  auto& access = *(*rt_result)->access;
  for (const auto& o : kOrgs) {
    auto existing = access.find_org(o.name);
    if (!existing) return print_error(existing.error()), 1;
    if (*existing) continue;
    access::NewOrg n{o.name, o.kind, o.level, o.region, std::nullopt};
    if (*o.parent) {
      auto p = access.find_org(o.parent);
      if (!p || !*p) return print_error(Error::internal("demo parent missing")), 1;
      n.parent_id = (*p)->id;
    }
    if (auto r = access.create_org(n); !r) return print_error(r.error()), 1;
  }
  for (const auto& u : kUsers) {
    if (access.find_user(u.username)) continue;
    auto user = access.create_user({u.username, u.password, std::nullopt, std::nullopt, {u.role}});
    if (!user) return print_error(user.error()), 1;
    if (*u.org) {
      auto org = access.find_org(u.org);
      if (!org || !*org) return print_error(Error::internal("demo org missing")), 1;
      if (auto r = access.add_member(user->id, (*org)->id, u.cdo, u.commissioner); !r) {
        return print_error(r.error()), 1;
      }
    }
  }
  std::printf("演示数据已就绪：%zu 个组织机构，%zu 个演示账号。\n", std::size(kOrgs), std::size(kUsers));
  std::printf("演示账号：\n");
  for (const auto& u : kUsers) std::printf("  %-10s 密码 %-16s %s\n", u.username, u.password, u.who);
  return 0;
}

}  // namespace kf::app
