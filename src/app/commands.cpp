#include "app/commands.h"

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>

#include "api/views.h"
#include "core/crypto.h"

namespace kf::app {

void print_error(const Error& e) {
  std::fprintf(stderr, "错误：%s\n", e.message.c_str());
  if (!e.detail.empty() && std::getenv("KAIFANG_DEBUG")) std::fprintf(stderr, "  %s\n", e.detail.c_str());
}

namespace {

// Opens the runtime or prints why not.
std::unique_ptr<Runtime> open_or_report(const GlobalOptions& g, SchemaMode mode) {
  auto rt = open_runtime(g, mode);
  if (!rt) {
    print_error(rt.error());
    return nullptr;
  }
  return std::move(*rt);
}

// The database itself is fine, but a server on it would be refused: say so now, while the
// operator is setting it up (the storage is taken over here when it has no owner yet).
void warn_about_storage(Runtime& rt) {
  if (auto claimed = rt.claim_storage(); !claimed) {
    std::fprintf(stderr, "注意：%s\n", claimed.error().message.c_str());
  }
}

}  // namespace

int run_init(const GlobalOptions& g, const std::string& admin_password) {
  // Whether the deployment secret file was there before: a new database in the folder of
  // another one shares its secret (nothing is lost by that, but the operator should know).
  std::string secret_file;
  bool secret_existed = false;
  {
    core::Config probe;
    if (!g.config_file.empty()) {
      if (auto c = core::load_config(g.config_file)) probe = std::move(*c);
    }
    secret_file = secret_path(probe, g.db);
    std::error_code ec;
    secret_existed = std::filesystem::exists(secret_file, ec);
  }
  auto rt = open_or_report(g, SchemaMode::migrate);
  if (!rt) return 1;
  if (rt->access->find_user("admin")) {
    std::printf("数据库已初始化（%s），管理员账号 admin 已存在，未作改动。\n", g.db.c_str());
    warn_about_storage(*rt);
    return 0;
  }
  std::string password = admin_password;
  bool generated = password.empty();
  if (generated) password = "Kf-" + core::random_token(12);
  access::NewUser u{"admin", password, std::nullopt, std::nullopt, {"admin"}};
  auto user = rt->access->create_user(u);
  if (!user) {
    print_error(user.error());
    return 1;
  }
  std::printf("已初始化数据库 %s，并创建管理员账号 admin。\n", g.db.c_str());
  if (generated) std::printf("管理员初始密码（只显示这一次）：%s\n", password.c_str());
  if (secret_existed) {
    std::fprintf(stderr,
                 "注意：部署密钥文件 %s 在本数据库之前就已存在，本数据库与使用它的其他数据库共用这一密钥。"
                 "若本数据库属于另一个部署，请把它放在单独的目录中，或用配置项 security.secret_file 指定自己的密钥文件。\n",
                 secret_file.c_str());
  }
  warn_about_storage(*rt);
  return 0;
}

int run_migrate(const GlobalOptions& g) {
  register_all_migrations();
  auto conn = db::connect(g.db);
  if (!conn) return print_error(conn.error()), 1;
  auto n = db::migrate(**conn);
  if (!n) return print_error(n.error()), 1;
  auto v = db::schema_version(**conn);
  std::printf("已应用 %d 个迁移，当前数据库版本 %d。\n", *n, v ? *v : 0);
  return 0;
}

int run_user_add(const GlobalOptions& g, const UserAddOptions& o) {
  auto rt = open_or_report(g, SchemaMode::require);
  if (!rt) return 1;
  std::optional<access::Org> org;
  if (!o.org.empty()) {
    auto found = rt->access->find_org(o.org);
    if (!found) return print_error(found.error()), 1;
    if (!*found) return print_error(Error::not_found("组织不存在：" + o.org)), 1;
    org = **found;
  }
  access::NewUser nu{o.username, o.password,
                     o.phone.empty() ? std::nullopt : std::optional(o.phone),
                     o.email.empty() ? std::nullopt : std::optional(o.email),
                     o.roles.empty() ? std::vector<std::string>{"user"} : o.roles};
  auto user = rt->access->create_user(nu);
  if (!user) return print_error(user.error()), 1;
  if (org) {
    if (auto r = rt->access->add_member(user->id, org->id, o.cdo, o.commissioner); !r) {
      return print_error(r.error()), 1;
    }
  }
  std::printf("已创建用户 %s（id %lld）\n", user->username.c_str(), static_cast<long long>(user->id));
  return 0;
}

int run_user_list(const GlobalOptions& g, bool as_json) {
  auto rt = open_or_report(g, SchemaMode::require);
  if (!rt) return 1;
  auto users = rt->access->list_users();
  if (!users) return print_error(users.error()), 1;
  if (as_json) {
    boost::json::array a;
    for (const auto& u : *users) a.push_back(api::user_json(u));
    std::printf("%s\n", boost::json::serialize(a).c_str());
    return 0;
  }
  std::printf("%-6s %-20s %-28s %-6s %s\n", "ID", "用户名", "角色", "实名", "状态");
  for (const auto& u : *users) {
    std::string roles;
    for (const auto& r : u.roles) roles += (roles.empty() ? "" : ",") + r;
    bool locked = u.locked_until > rt->clock->now_ms();
    std::printf("%-6lld %-20s %-28s %-6s %s\n", static_cast<long long>(u.id), u.username.c_str(),
                roles.c_str(), u.real_name_verified ? "是" : "否",
                u.disabled ? "已停用" : locked ? "已锁定" : "正常");
  }
  return 0;
}

int run_user_passwd(const GlobalOptions& g, const std::string& username, const std::string& password) {
  auto rt = open_or_report(g, SchemaMode::require);
  if (!rt) return 1;
  if (auto r = rt->access->set_password(username, password); !r) return print_error(r.error()), 1;
  std::printf("已修改 %s 的密码，并注销其全部会话。\n", username.c_str());
  return 0;
}

int run_user_lock(const GlobalOptions& g, const std::string& username, bool lock) {
  auto rt = open_or_report(g, SchemaMode::require);
  if (!rt) return 1;
  if (auto r = rt->access->set_disabled(username, lock); !r) return print_error(r.error()), 1;
  std::printf(lock ? "已停用账号 %s。\n" : "已启用账号 %s。\n", username.c_str());
  return 0;
}

int run_org_add(const GlobalOptions& g, const OrgAddOptions& o) {
  auto rt = open_or_report(g, SchemaMode::require);
  if (!rt) return 1;
  access::NewOrg n{o.name, o.kind, o.level, o.region, std::nullopt, std::nullopt, std::nullopt};
  if (!o.credit_code.empty()) n.credit_code = o.credit_code;
  if (!o.legal_representative.empty()) n.legal_representative = o.legal_representative;
  if (!o.parent.empty()) {
    auto p = rt->access->find_org(o.parent);
    if (!p) return print_error(p.error()), 1;
    if (!*p) return print_error(Error::not_found("上级组织不存在：" + o.parent)), 1;
    n.parent_id = (*p)->id;
  }
  auto org = rt->access->create_org(n);
  if (!org) return print_error(org.error()), 1;
  std::printf("已创建组织 %s（id %lld，%s %s）\n", org->name.c_str(), static_cast<long long>(org->id),
              org->region_code.c_str(), org->region_name.c_str());
  return 0;
}

int run_org_list(const GlobalOptions& g, bool as_json) {
  auto rt = open_or_report(g, SchemaMode::require);
  if (!rt) return 1;
  auto orgs = rt->access->list_orgs();
  if (!orgs) return print_error(orgs.error()), 1;
  if (as_json) {
    boost::json::array a;
    for (const auto& o : *orgs) a.push_back(api::org_json(o));
    std::printf("%s\n", boost::json::serialize(a).c_str());
    return 0;
  }
  std::printf("%-6s %-12s %-10s %-8s %s\n", "ID", "类型", "层级", "区划", "名称");
  for (const auto& o : *orgs) {
    std::printf("%-6lld %-12s %-10s %-8s %s（%s）\n", static_cast<long long>(o.id), o.kind.c_str(),
                o.level.c_str(), o.region_code.c_str(), o.name.c_str(), o.region_name.c_str());
  }
  return 0;
}

}  // namespace kf::app
