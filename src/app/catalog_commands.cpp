#include "app/catalog_commands.h"

#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <future>
#include <thread>

#include "app/commands.h"
#include "catalog/due.h"

namespace kf::app {

namespace json = boost::json;

namespace {

std::unique_ptr<Runtime> open_or_report(const GlobalOptions& g) {
  auto rt = open_runtime(g, SchemaMode::require);
  if (!rt) {
    print_error(rt.error());
    return nullptr;
  }
  return std::move(*rt);
}

std::string thousands(std::int64_t n) {
  std::string s = std::to_string(n), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

}  // namespace

Result<catalog::Entry> create_entry_from_toml(Runtime& rt, const std::string& path, const catalog::Actor& actor) {
  KF_ASSIGN(auto doc, entry_toml_to_json(path));
  std::string provider;
  if (const auto* p = doc.if_contains("provider"); p && p->is_string()) provider = std::string(p->as_string());
  doc.erase("provider");
  KF_ASSIGN(auto meta, catalog::meta_from_json(doc));
  if (auto existing = rt.catalog->get(&actor, meta.code)) return *existing;
  std::int64_t provider_id = 0;
  if (!provider.empty()) {
    KF_ASSIGN(auto org, rt.access->find_org(provider));
    if (!org) return Error::invalid("数据提供单位不存在：" + provider, "provider");
    provider_id = org->id;
  }
  return rt.catalog->create(actor, std::move(meta), provider_id);
}

int run_entry_list(const GlobalOptions& g, bool as_json) {
  auto rt = open_or_report(g);
  if (!rt) return 1;
  auto entries = rt->catalog->list_mine(catalog::Actor::system("cli"));
  if (!entries) return print_error(entries.error()), 1;
  if (as_json) {
    json::array a;
    for (const auto& e : *entries) a.push_back(catalog::entry_to_json(e, false));
    std::printf("%s\n", json::serialize(a).c_str());
    return 0;
  }
  std::printf("%-22s %-10s %-12s %-10s %s\n", "编码", "状态", "领域", "行数", "名称（提供单位）");
  for (const auto& e : *entries) {
    std::printf("%-22s %-10s %-12s %-10s %s（%s）\n", e.meta.code.c_str(), e.state.c_str(), e.meta.domain.c_str(),
                e.row_count ? thousands(*e.row_count).c_str() : "-", e.meta.name.c_str(), e.provider_name.c_str());
  }
  return 0;
}

int run_entry_show(const GlobalOptions& g, const std::string& code, bool as_json) {
  auto rt = open_or_report(g);
  if (!rt) return 1;
  auto actor = catalog::Actor::system("cli");
  auto e = rt->catalog->get(&actor, code);
  if (!e) return print_error(e.error()), 1;
  if (as_json) {
    std::printf("%s\n", json::serialize(catalog::entry_to_json(*e, true)).c_str());
    return 0;
  }
  const auto& m = e->meta;
  std::printf("%s  %s\n提供单位：%s（%s）\n状态：%s  修订：%d  开放属性：%s  更新频率：%s\n摘要：%s\n", m.code.c_str(),
              m.name.c_str(), e->provider_name.c_str(), m.department.c_str(), e->state.c_str(), e->revision,
              m.open_attribute.c_str(), m.update_frequency.c_str(), m.summary.c_str());
  std::printf("数据字典（%zu 项）：\n", m.fields.size());
  for (const auto& f : m.fields) {
    std::printf("  %-24s %-16s %-9s%s%s %s\n", f.name.c_str(), f.label.c_str(), std::string(core::to_string(f.type)).c_str(),
                f.key ? " 主键" : "", f.nullable ? "" : " 必填", f.security_grade.c_str());
  }
  return 0;
}

int run_entry_create(const GlobalOptions& g, const std::string& toml_file, bool publish) {
  auto rt = open_or_report(g);
  if (!rt) return 1;
  auto actor = catalog::Actor::system("cli");
  auto e = create_entry_from_toml(*rt, toml_file, actor);
  if (!e) return print_error(e.error()), 1;
  if (publish && e->state != "published") {
    auto p = rt->catalog->set_state(actor, e->meta.code, "publish", "命令行发布", std::nullopt);
    if (!p) return print_error(p.error()), 1;
  }
  std::printf("目录 %s（%s）已就绪，状态：%s\n", e->meta.code.c_str(), e->meta.name.c_str(),
              publish ? "published" : e->state.c_str());
  return 0;
}

int run_import(const GlobalOptions& g, const ImportOptions& o) {
  auto rt = open_or_report(g);
  if (!rt) return 1;
  // Before reading the file: a database of another deployment stops here, with what to do.
  if (auto claimed = rt->claim_storage(); !claimed) return print_error(claimed.error()), 1;
  if (o.mode != "reject" && o.mode != "quarantine") {
    return print_error(Error::invalid("--mode 应为 reject 或 quarantine")), 2;
  }
  catalog::ImportRequest req;
  req.path = o.file;
  req.source_name = o.file;
  req.sheet = o.sheet;
  req.quarantine = o.mode == "quarantine";
  req.publish = o.publish;
  req.rejected_csv = o.rejected_csv;
  catalog::ImportProgress progress;
  auto actor = catalog::Actor::system("cli");
  auto future = std::async(std::launch::async, [&] { return rt->catalog->import(actor, o.entry, req, progress); });
  bool tty = ::isatty(STDERR_FILENO);
  auto started = std::chrono::steady_clock::now();
  auto last_line = started;
  while (future.wait_for(std::chrono::milliseconds(200)) != std::future_status::ready) {
    double total = static_cast<double>(progress.total_bytes.load());
    double pct = total > 0 ? 100.0 * static_cast<double>(progress.bytes_read.load()) / total : 0;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::int64_t rows = progress.rows_read.load();
    std::string bar(static_cast<std::size_t>(pct / 100 * 30), '#');
    bar.resize(30, ' ');
    if (tty) {
      std::fprintf(stderr, "\r[%s] %5.1f%%  %s 行  %s 行/秒 ", bar.c_str(), pct, thousands(rows).c_str(),
                   thousands(static_cast<std::int64_t>(secs > 0 ? rows / secs : 0)).c_str());
    } else if (std::chrono::steady_clock::now() - last_line > std::chrono::seconds(2)) {
      std::fprintf(stderr, "导入中：%5.1f%%  %s 行\n", pct, thousands(rows).c_str());
      last_line = std::chrono::steady_clock::now();
    }
  }
  if (tty) std::fprintf(stderr, "\n");
  auto result = future.get();
  if (!result) return print_error(result.error()), 1;
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& r = result->report;
  auto num = [&](const char* k) { return r.contains(k) && r.at(k).is_int64() ? r.at(k).as_int64() : 0; };
  std::printf("导入报告：读取 %s 行 = 接受 %s 行 + 拒绝 %s 行（%.1f 秒）\n", thousands(num("rows_read")).c_str(),
              thousands(num("accepted")).c_str(), thousands(num("rejected")).c_str(), secs);
  std::printf("格式 %s，编码 %s，SHA-256 %s\n", json::value_to<std::string>(r.at("format")).c_str(),
              json::value_to<std::string>(r.at("encoding")).c_str(), json::value_to<std::string>(r.at("sha256")).c_str());
  if (r.contains("errors")) {
    int shown = 0;
    for (const auto& err : r.at("errors").as_array()) {
      if (shown++ == 20) {
        std::printf("  ……（共 %zu 条错误，完整列表见被拒绝行文件）\n", r.at("errors").as_array().size());
        break;
      }
      std::printf("  第 %lld 行 %s：%s\n", static_cast<long long>(err.at("row").as_int64()),
                  json::value_to<std::string>(err.at("column")).c_str(), json::value_to<std::string>(err.at("reason")).c_str());
    }
  }
  std::printf("%s\n", result->message.c_str());
  if (result->version_id) std::printf("新版本 id：%lld\n", static_cast<long long>(*result->version_id));
  if (result->proposed_fields) {
    json::array fields;
    for (const auto& f : *result->proposed_fields) fields.push_back(catalog::field_to_json(f));
    std::printf("建议的数据字典：%s\n", json::serialize(fields).c_str());
  }
  return result->state == "rejected" ? 3 : 0;
}

}  // namespace kf::app
