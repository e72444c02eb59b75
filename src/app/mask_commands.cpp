#include "app/mask_commands.h"

#include <cstdio>
#include <algorithm>
#include <fstream>
#include <map>
#include <toml++/toml.h>

#include "app/commands.h"
#include "ingest/reader.h"
#include "mask/keys.h"
#include "mask/masker.h"
#include "mask/rule.h"
#include "mask/scan.h"
#include "serve/export.h"

namespace kf::app {

int run_mask_scan(const std::string& file, bool as_json) {
  auto scans = mask::scan_file(file);
  if (!scans) return print_error(scans.error()), 1;
  if (as_json) {
    std::printf("%s\n", mask::scan_to_json(*scans).c_str());
    return 0;
  }
  std::printf("%-24s %-12s %-8s %s\n", "列", "类型", "置信度", "建议规则");
  for (const auto& s : *scans) {
    std::printf("%-24s %-12s %-8.2f %s\n", s.column.c_str(),
                s.kind ? std::string(mask::to_string(*s.kind)).c_str() : "-", s.confidence,
                s.suggested_rule.empty() ? "-" : s.suggested_rule.c_str());
  }
  return 0;
}

namespace {

Result<std::pair<std::map<std::string, mask::Rule>, std::string>> load_rules(const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::invalid("规则文件不是有效的 TOML（第 " + std::to_string(e.source().begin.line) + " 行）");
  }
  std::map<std::string, mask::Rule> rules;
  const auto* table = t["rules"].as_table();
  if (!table) return Error::invalid("规则文件缺少 [rules] 表（列名 = \"规则\"）");
  for (const auto& [column, v] : *table) {
    auto text = v.value<std::string>();
    if (!text) return Error::invalid("列「" + std::string(column.str()) + "」的规则应为字符串");
    KF_ASSIGN(auto rule, mask::parse_rule(*text));
    rules.emplace(std::string(column.str()), std::move(rule));
  }
  return std::pair{std::move(rules), t["keys"].value_or(std::string())};
}

}  // namespace

int run_mask_apply(const MaskApplyOptions& o) {
  auto loaded = load_rules(o.rules_file);
  if (!loaded) return print_error(loaded.error()), 1;
  auto& [rules, keys_in_file] = *loaded;
  std::string keys_path = o.keys_file.empty() ? keys_in_file : o.keys_file;
  mask::Keys keys;
  if (!keys_path.empty()) {
    auto k = mask::Keys::load(keys_path);
    if (!k) return print_error(k.error()), 1;
    keys = *k;
  }
  auto format = ingest::format_from_name(o.input);
  if (!format) return print_error(format.error()), 1;
  ingest::ReaderOptions ro;
  ro.format = *format;
  auto reader = ingest::open_reader(o.input, ro);
  if (!reader) return print_error(reader.error()), 1;
  const auto& header = (*reader)->header();
  std::vector<std::optional<mask::Masker>> maskers(header.size());
  for (const auto& [column, rule] : rules) {
    auto it = std::find(header.begin(), header.end(), column);
    if (it == header.end()) return print_error(Error::invalid("文件中没有列「" + column + "」")), 1;
    auto m = mask::Masker::create(rule, keys);
    if (!m) return print_error(m.error()), 1;
    maskers[static_cast<std::size_t>(it - header.begin())] = std::move(*m);
  }
  std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
  if (!out) return print_error(Error::invalid("无法写入 " + o.output)), 1;
  std::string line;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (i) line += ',';
    serve::append_csv_field(line, header[i]);
  }
  line += "\r\n";
  ingest::Record rec;
  std::int64_t rows = 0;
  while (true) {
    auto more = (*reader)->next(rec);
    if (!more) return print_error(more.error()), 1;
    if (!*more) break;
    for (std::size_t i = 0; i < rec.size(); ++i) {
      if (i) line += ',';
      if (!rec[i]) continue;
      if (i < maskers.size() && maskers[i]) {
        serve::append_csv_field(line, maskers[i]->apply(*rec[i]));
      } else {
        serve::append_csv_field(line, *rec[i]);
      }
    }
    line += "\r\n";
    if (line.size() > (1 << 20)) {
      out << line;
      line.clear();
    }
    ++rows;
  }
  out << line;
  out.close();
  if (!out) return print_error(Error::invalid("写入 " + o.output + " 失败")), 1;
  std::printf("已脱敏 %lld 行，%zu 列按规则处理，结果写入 %s\n", static_cast<long long>(rows), rules.size(), o.output.c_str());
  return 0;
}

}  // namespace kf::app
