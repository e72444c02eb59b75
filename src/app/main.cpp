// The `kaifang` command line.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <limits>

#include "app/calendar_commands.h"
#include "app/apply_commands.h"
#include "app/workflow_commands.h"
#include "app/catalog_commands.h"
#include "app/commands.h"
#include "app/mask_commands.h"
#include "app/policy_commands.h"
#include "app/serve.h"

namespace {

std::string password_from(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("KAIFANG_PASSWORD")) return env;
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kf::app;
  CLI::App app{"开放 Kaifang —— 公共数据共享开放平台\nKaifang: public data sharing and open platform", "kaifang"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "显示全部子命令的帮助");
  GlobalOptions g;
  if (const char* env = std::getenv("KAIFANG_DB")) g.db = env;
  auto add_globals = [&g](CLI::App* cmd) {
    cmd->add_option("--db", g.db, "数据库：sqlite:PATH 或 postgresql://…（也可用环境变量 KAIFANG_DB）")
        ->capture_default_str();
    cmd->add_option("--config", g.config_file, "TOML 配置文件");
    cmd->add_option("--data-dir", g.data_dir, "参考数据目录（regions/ 等），默认自动查找");
    cmd->add_option("--storage", g.storage_dir,
                    "存储目录（数据版本文件 datasets/ 与工作文件 work/），覆盖配置项 [storage] dir；"
                    "默认在 SQLite 数据库文件旁。每个部署须有自己的存储目录");
  };

  // init
  std::string admin_password;
  auto* init = app.add_subcommand("init", "创建数据库、执行迁移并创建 admin 账号（可重复执行）");
  add_globals(init);
  init->add_option("--admin-password", admin_password, "admin 的初始密码（省略则随机生成并显示一次）");

  // serve
  ServeOptions so;
  auto* serve = app.add_subcommand("serve", "启动 HTTP 服务（SIGTERM 时处理完在途请求后退出）");
  add_globals(serve);
  serve->add_option("--listen", so.listen, "监听地址 HOST:PORT（默认 127.0.0.1:8080）");
  serve->add_option("--web-root", so.web_root, "网页应用目录（web/dist）");
  serve->add_option("--tls-cert", so.tls_cert, "TLS 证书链文件（PEM）；与 --tls-key 一起给出时只接受 HTTPS");
  serve->add_option("--tls-key", so.tls_key, "TLS 私钥文件（PEM，未加密）");
  serve->add_option("--test-clock", so.test_clock,
                    "仅供整体场景测试：以可设置的测试时钟从 START 开始运行（YYYY-MM-DD 或 YYYY-MM-DDTHH:MM，北京时间），"
                    "并开放 POST /api/v1/testing/clock；需要配置 [testing] allow_test_clock = true");

  // migrate, version
  auto* migrate = app.add_subcommand("migrate", "执行数据库迁移");
  add_globals(migrate);
  auto* version = app.add_subcommand("version", "显示版本");

  // demo
  auto* demo = app.add_subcommand("demo", "载入演示城市：组织机构、账号、数据目录及数据（可重复执行）");
  add_globals(demo);
  std::uint64_t demo_max_rows = std::numeric_limits<std::uint64_t>::max();
  demo->add_option("--max-rows", demo_max_rows, "每个目录最多生成的行数（测试用，默认全部）");

  // user
  auto* user = app.add_subcommand("user", "用户管理");
  user->require_subcommand(1);
  UserAddOptions ua;
  auto* user_add = user->add_subcommand("add", "新建用户");
  add_globals(user_add);
  user_add->add_option("username", ua.username, "用户名")->required();
  user_add->add_option("--password", ua.password, "密码（也可用环境变量 KAIFANG_PASSWORD）");
  user_add->add_option("--role", ua.roles, "角色：admin authority provider user sharer（可多次给出）")
      ->check(CLI::IsMember({"admin", "authority", "provider", "user", "sharer"}));
  user_add->add_option("--org", ua.org, "所属组织名称");
  user_add->add_option("--phone", ua.phone, "手机号码");
  user_add->add_option("--email", ua.email, "电子邮箱");
  user_add->add_flag("--cdo", ua.cdo, "设为所属组织的首席数据官");
  user_add->add_flag("--commissioner", ua.commissioner, "设为所属组织的数据专员");
  bool json_out = false;
  auto* user_list = user->add_subcommand("list", "列出用户");
  add_globals(user_list);
  user_list->add_flag("--json", json_out, "以 JSON 输出");
  std::string target, new_password;
  auto* user_passwd = user->add_subcommand("passwd", "修改用户密码（并注销其会话）");
  add_globals(user_passwd);
  user_passwd->add_option("username", target, "用户名")->required();
  user_passwd->add_option("--password", new_password, "新密码（也可用环境变量 KAIFANG_PASSWORD）");
  auto* user_lock = user->add_subcommand("lock", "停用账号（并注销其会话）");
  add_globals(user_lock);
  user_lock->add_option("username", target, "用户名")->required();
  auto* user_unlock = user->add_subcommand("unlock", "启用账号并清除登录失败锁定");
  add_globals(user_unlock);
  user_unlock->add_option("username", target, "用户名")->required();

  // org
  auto* org = app.add_subcommand("org", "组织机构管理");
  org->require_subcommand(1);
  OrgAddOptions oa;
  auto* org_add = org->add_subcommand("add", "新建组织机构");
  add_globals(org_add);
  org_add->add_option("name", oa.name, "组织名称")->required();
  org_add->add_option("--kind", oa.kind, "类型")
      ->required()
      ->check(CLI::IsMember({"authority", "provider", "enterprise", "institution", "other"}));
  org_add->add_option("--level", oa.level, "层级")
      ->required()
      ->check(CLI::IsMember({"province", "city", "county"}));
  org_add->add_option("--region", oa.region, "行政区划代码（GB/T 2260，6 位）")->required();
  org_add->add_option("--parent", oa.parent, "上级组织名称");
  org_add->add_option("--credit-code", oa.credit_code, "统一社会信用代码（18 位，企业和事业单位申请有条件开放数据时需要）");
  org_add->add_option("--legal-representative", oa.legal_representative, "法定代表人");
  auto* org_list = org->add_subcommand("list", "列出组织机构");
  add_globals(org_list);
  org_list->add_flag("--json", json_out, "以 JSON 输出");

  // entry
  auto* entry = app.add_subcommand("entry", "数据目录管理");
  entry->require_subcommand(1);
  std::string entry_code, entry_file;
  bool entry_publish = false;
  auto* entry_list = entry->add_subcommand("list", "列出全部目录");
  add_globals(entry_list);
  entry_list->add_flag("--json", json_out, "以 JSON 输出");
  auto* entry_show = entry->add_subcommand("show", "显示目录及其数据字典");
  add_globals(entry_show);
  entry_show->add_option("code", entry_code, "目录编码")->required();
  entry_show->add_flag("--json", json_out, "以 JSON 输出");
  auto* entry_create = entry->add_subcommand("create", "按 TOML 文件新建目录（格式见 docs/entry-format.md）");
  add_globals(entry_create);
  entry_create->add_option("--from", entry_file, "目录文件 FILE.toml")->required()->check(CLI::ExistingFile);
  entry_create->add_flag("--publish", entry_publish, "创建后直接发布");

  // import
  ImportOptions io;
  auto* import = app.add_subcommand("import", "导入数据文件（CSV / XLSX / JSON / NDJSON），生成新的数据版本");
  add_globals(import);
  import->add_option("--entry", io.entry, "目录编码")->required();
  import->add_option("file", io.file, "数据文件")->required()->check(CLI::ExistingFile);
  import->add_option("--sheet", io.sheet, "XLSX 工作表名称（默认第一个）");
  import->add_option("--mode", io.mode, "reject：有错误行则拒绝整个文件；quarantine：保留有效行，隔离其余")
      ->check(CLI::IsMember({"reject", "quarantine"}))
      ->capture_default_str();
  import->add_option("--rejected", io.rejected_csv, "把被拒绝的行（含原因列）写入此 CSV 文件");
  import->add_flag("--publish", io.publish, "导入成功后直接发布新版本");

  // mask
  auto* mask = app.add_subcommand("mask", "个人信息识别与脱敏");
  mask->require_subcommand(1);
  std::string mask_file, mask_format = "text";
  auto* mask_scan = mask->add_subcommand("scan", "识别文件各列的个人信息类型并给出建议的脱敏规则");
  mask_scan->add_option("file", mask_file, "数据文件（CSV / XLSX / JSON / NDJSON）")->required()->check(CLI::ExistingFile);
  mask_scan->add_option("--format", mask_format, "输出格式：text 或 json")->check(CLI::IsMember({"text", "json"}));
  MaskApplyOptions mo;
  auto* mask_apply = mask->add_subcommand("apply", "按规则文件对数据文件脱敏，输出 CSV");
  mask_apply->add_option("--rules", mo.rules_file, "规则文件 RULES.toml（[rules] 列名 = \"规则\"，可选 keys = \"密钥文件\"）")
      ->required()
      ->check(CLI::ExistingFile);
  mask_apply->add_option("--keys", mo.keys_file, "密钥文件（hmac_key / sm4_key，十六进制）");
  mask_apply->add_option("file", mo.input, "数据文件")->required()->check(CLI::ExistingFile);
  mask_apply->add_option("-o,--output", mo.output, "输出的 CSV 文件")->required();

  add_calendar_commands(app, g, add_globals);
  add_workflow_commands(app, g, add_globals);
  add_apply_commands(app, g, add_globals);

  add_policy_commands(app, g);

  CLI11_PARSE(app, argc, argv);

  if (*version) {
    std::printf("kaifang %s\n", KF_VERSION);
    return 0;
  }
  if (*init) return run_init(g, password_from(admin_password));
  if (*serve) return run_serve(g, so);
  if (*migrate) return run_migrate(g);
  if (*demo) return run_demo_seed(g, demo_max_rows);
  if (*user_add) {
    ua.password = password_from(ua.password);
    if (ua.password.empty()) return print_error(kf::Error::invalid("请用 --password 给出密码")), 2;
    return run_user_add(g, ua);
  }
  if (*user_list) return run_user_list(g, json_out);
  if (*user_passwd) {
    new_password = password_from(new_password);
    if (new_password.empty()) return print_error(kf::Error::invalid("请用 --password 给出新密码")), 2;
    return run_user_passwd(g, target, new_password);
  }
  if (*user_lock) return run_user_lock(g, target, true);
  if (*user_unlock) return run_user_lock(g, target, false);
  if (*org_add) return run_org_add(g, oa);
  if (*org_list) return run_org_list(g, json_out);
  if (*entry_list) return run_entry_list(g, json_out);
  if (*entry_show) return run_entry_show(g, entry_code, json_out);
  if (*entry_create) return run_entry_create(g, entry_file, entry_publish);
  if (*import) return run_import(g, io);
  if (*mask_scan) return run_mask_scan(mask_file, mask_format == "json");
  if (*mask_apply) return run_mask_apply(mo);
  return 0;
}
