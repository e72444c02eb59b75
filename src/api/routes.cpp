// The route table: every route with its permission, summary and handler.
#include "api/handlers.h"
#include "api/compat_routes.h"
#include "api/policy_routes.h"
#include "api/calendar_routes.h"
#include "api/apply_routes.h"
#include "api/oidc_routes.h"
#include "api/openlist_routes.h"
#include "api/review_routes.h"
#include "api/site_routes.h"
#include "api/testing_routes.h"
#include "api/usercentre_routes.h"

namespace kf::api {

using http::Permission;
using V = http::bh::verb;

void register_routes(http::Router& router, ApiContext& ctx) {
  auto bind = [&ctx](Response (*fn)(ApiContext&, Request&)) {
    return [&ctx, fn](Request& req) { return fn(ctx, req); };
  };
  auto add = [&](V method, std::string pattern, Permission perm, Response (*fn)(ApiContext&, Request&),
                 std::string summary, std::string tag, bool csrf_exempt = false) {
    router.add({method, std::move(pattern), std::move(perm), bind(fn), std::move(summary),
                std::move(tag), csrf_exempt});
  };
  // A route that serves dataset rows or values: it names the access channels it reads through.
  auto add_read = [&](V method, std::string pattern, Permission perm, Response (*fn)(ApiContext&, Request&),
                      std::string summary, std::string tag, std::vector<std::string> channels) {
    http::Route r{method, std::move(pattern), std::move(perm), bind(fn), std::move(summary), std::move(tag)};
    r.channels = std::move(channels);
    router.add(std::move(r));
  };
  const Permission anyone = Permission::anyone();
  const Permission signed_in = Permission::signed_in();
  const Permission admin = Permission::any_role({"admin"});
  const Permission org_managers = Permission::any_role({"admin", "authority"});

  add(V::get, "/healthz", anyone, handle_healthz, "存活检查", "system");
  add(V::get, "/readyz", anyone, handle_readyz, "就绪检查（含数据库）", "system");
  add(V::get, "/metrics", anyone, handle_metrics, "Prometheus 指标", "system");

  add(V::post, "/api/v1/auth/register", anyone, handle_register, "注册账号", "auth", true);
  add(V::post, "/api/v1/auth/login", anyone, handle_login, "登录，返回会话 Cookie 与 CSRF 令牌", "auth", true);
  add(V::post, "/api/v1/auth/logout", signed_in, handle_logout, "退出登录", "auth");

  add(V::get, "/api/v1/me", signed_in, handle_me, "当前用户信息", "me");
  add(V::get, "/api/v1/auth/session", anyone, handle_session, "当前会话：已登录时为用户信息，访客为 {user: null}（不返回 401）", "auth");
  add(V::post, "/api/v1/me/verify", signed_in, handle_verify, "实名认证（姓名 + 身份证号码）", "me");
  add(V::get, "/api/v1/licence", anyone, handle_licence, "开放许可协议全文、下载规则与当前用户的接受情况", "me");
  add(V::post, "/api/v1/me/licence", signed_in, handle_accept_licence, "同意开放许可协议（记录版本、时间与地址）", "me");
  add(V::get, "/api/v1/me/api-keys", signed_in, handle_list_api_keys, "我的 API 密钥", "me");
  add(V::post, "/api/v1/me/api-keys", signed_in, handle_create_api_key, "创建 API 密钥（仅显示一次）", "me");
  add(V::get, "/api/v1/me/api-keys/usage", signed_in, handle_my_usage, "我的 API 密钥用量（按日、数据集：调用次数、行数、字节数）", "me");
  add(V::delete_, "/api/v1/me/api-keys/{id}", signed_in, handle_revoke_api_key, "吊销 API 密钥", "me");

  add(V::get, "/api/v1/orgs", anyone, handle_list_orgs, "组织机构列表", "orgs");
  add(V::post, "/api/v1/orgs", org_managers, handle_create_org, "新建组织机构", "orgs");
  add(V::get, "/api/v1/orgs/{id}", anyone, handle_get_org, "组织机构详情", "orgs");

  add(V::get, "/api/v1/users", admin, handle_list_users, "用户列表（管理员）", "users");
  add(V::post, "/api/v1/users", admin, handle_create_user, "新建用户并分配角色（管理员）", "users");
  add(V::put, "/api/v1/users/{id}", admin, handle_update_user,
      "修改用户的角色、所属组织或停用账号（管理员；不能移除自己的管理员角色或停用自己）", "users");

  const Permission staff = Permission::any_role({"admin", "authority", "provider"});
  const Permission editors = Permission::any_role({"admin", "provider"});
  add(V::get, "/api/v1/catalog", anyone, handle_catalog_search, "检索数据目录（全文、分面、排序、分页）", "catalog");
  add(V::get, "/api/v1/portal/stats", anyone, handle_portal_stats,
      "门户统计：开放数据集数（无条件开放）及其数据行数、下载次数与按月更新数，数据提供单位数，接口调用次数（含匿名调用）",
      "catalog");
  add(V::get, "/api/v1/providers", anyone, handle_providers,
      "数据提供单位：有已发布目录的单位及其目录数、无条件开放数据集数（与首页、检索分面一致）", "catalog");
  add(V::get, "/api/v1/catalog/duplicates", org_managers, handle_duplicates, "一数一源：重复的数据项", "catalog");
  add(V::get, "/api/v1/catalog/due", staff, handle_due, "即将到期和已逾期未更新的目录", "catalog");
  add(V::get, "/api/v1/entries", staff, handle_list_entries, "本单位的目录（全部状态）", "catalog");
  add(V::post, "/api/v1/entries", editors, handle_create_entry, "新建目录（草稿）", "catalog");
  add(V::get, "/api/v1/entries/{code}", anyone, handle_get_entry, "目录详情（含数据字典）", "catalog");
  add(V::put, "/api/v1/entries/{code}", editors, handle_update_entry, "修改目录信息（需填写原因）", "catalog");
  add(V::put, "/api/v1/entries/{code}/dictionary", editors, handle_update_dictionary, "修改数据字典（需填写原因）", "catalog");
  add(V::post, "/api/v1/entries/{code}/publish", org_managers, handle_publish_entry, "发布目录", "catalog");
  // A provider suspends its own entry at once (Zhejiang art. 35; Shandong art. 16); the catalog
  // checks which entries, and the authority's jurisdiction.
  add(V::post, "/api/v1/entries/{code}/suspend", Permission::any_role({"admin", "authority", "provider"}),
      handle_suspend_entry, "暂停开放（主管部门在管辖范围内；数据提供方可立即暂停本单位的目录）", "catalog");
  add(V::post, "/api/v1/entries/{code}/withdraw", org_managers, handle_withdraw_entry, "撤销目录", "catalog");
  add(V::post, "/api/v1/entries/{code}/restore", org_managers, handle_restore_entry, "恢复已暂停的目录", "catalog");
  add(V::get, "/api/v1/entries/{code}/history", staff, handle_history, "变更历史", "catalog");
  add(V::get, "/api/v1/entries/{code}/history/diff", staff, handle_history_diff, "两个修订版本之间的差异", "catalog");
  add(V::get, "/api/v1/entries/{code}/versions", anyone, handle_versions, "数据版本列表（公众只见已发布版本）", "catalog");
  add(V::post, "/api/v1/entries/{code}/versions/{id}/publish", org_managers, handle_publish_version, "发布数据版本", "catalog");
  add_read(V::get, "/api/v1/entries/{code}/preview", anyone, handle_preview,
           "数据预览（前若干行；已发布版本为脱敏后的数据，本单位人员可加 raw=1 查看原始数据）", "catalog", {"preview"});
  add(V::get, "/api/v1/entries/{code}/versions/{id}/scan", staff, handle_mask_scan,
      "扫描数据版本中的个人信息（前 1000 行加其后均匀抽取的 1000 行）：每个字段识别出的类型、置信度、占比、建议的安全级别与脱敏规则", "mask");
  add(V::post, "/api/v1/entries/{code}/mask-preview", staff, handle_mask_preview,
      "脱敏预览：前若干行脱敏前后对比，以及按准标识符计算的 k-匿名结果", "mask");
  router.add({V::post, "/api/v1/entries/{code}/uploads", editors, bind(handle_upload),
              "上传数据文件（请求体为文件内容；?filename=&mode=reject|quarantine&sheet=）", "catalog", false,
              true, std::uint64_t{2} << 30});
  add_read(V::get, "/api/v1/datasets/{code}/download", anyone, handle_download,
           "下载已发布数据（?format=csv|json|xlsx，CSV 可加 bom=1 供 Excel 打开；支持 ETag / If-None-Match）", "data",
           {"download_csv", "download_json", "download_xlsx"});
  add_read(V::get, "/api/v1/datasets/{code}/rows", anyone, handle_rows,
           "查询数据（$select $where $order $group $having $limit $offset $q，?列名=值；Accept: text/csv 返回 CSV）", "data",
           {"rows"});
  add_read(V::get, "/api/v1/datasets/{code}/rows.csv", anyone, handle_rows_csv, "查询数据，返回 CSV", "data", {"rows"});
  add_read(V::get, "/resource/{file}", anyone, handle_soda, "Socrata (SODA 2.x) 兼容接口：/resource/{目录编码}.json 或 .csv",
           "soda", {"soda"});
  add(V::get, "/api/v1/usage", org_managers, handle_all_usage, "全部 API 密钥用量（可按 key_id 筛选）", "data");
  add(V::get, "/api/v1/jobs/{id}", signed_in, handle_job, "导入任务进度与报告", "catalog");
  add(V::post, "/api/v1/jobs/{id}/adopt", editors, handle_job_adopt,
      "采用并导入：把推断出的数据字典（可修改，{fields, reason, mode?}）存为目录的字典，并用该任务保留的文件导入，无需再次上传；"
      "返回新的导入任务", "catalog");
  add(V::get, "/api/v1/jobs/{id}/rejected.csv", signed_in, handle_job_rejected, "被拒绝的数据行（CSV，含原因列）", "catalog");

  register_compat_routes(router, ctx);
  register_policy_routes(router, ctx);
  register_site_routes(router, ctx);
  register_calendar_routes(router, ctx);
  register_review_routes(router, ctx);
  register_openlist_routes(router, ctx);
  register_apply_routes(router, ctx);
  register_oidc_routes(router, ctx);
  register_usercentre_routes(router, ctx);
  if (ctx.test_clock) register_testing_routes(router, ctx);

  // The description of all of the above (registered last so it includes itself).
  for (const char* path : {"/api/openapi.json", "/api/v1/openapi.json"}) {
    router.add({V::get, path, anyone,
                [&router](Request&) { return http::json_response(http::bh::status::ok, openapi_document(router)); },
                "本 API 的 OpenAPI 3.1 描述", "system", false});
  }
}

}  // namespace kf::api
