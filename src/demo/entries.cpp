// Loading of demo catalog entries (docs/entry-format.md plus [generator]).
#include <algorithm>
#include <array>
#include <filesystem>

#include "demo/demo.h"
#include "demo/toml_read.h"

namespace kf::demo {
namespace {

constexpr std::array<std::string_view, 8> kFrequencies = {
    "realtime", "daily", "weekly", "monthly", "quarterly", "halfyearly", "yearly", "irregular"};
constexpr std::array<std::string_view, 3> kOpen = {"unconditional", "conditional", "not_open"};
constexpr std::array<std::string_view, 3> kShare = {"unconditional", "conditional", "none"};
constexpr std::array<std::string_view, 4> kGrades = {"L1", "L2", "L3", "L4"};
constexpr std::array<std::string_view, 3> kDataTypes = {"table", "file", "api"};
constexpr std::array<std::string_view, 5> kBasicGroups = {
    "basic:population", "basic:legal_entity", "basic:natural_resources", "basic:e_license",
    "basic:credit"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& set, std::string_view v) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

Result<core::Field> parse_field(const toml::table& t, const std::string& where) {
  StrictTable r(t, where);
  core::Field f;
  f.name = r.str("name", true);
  f.label = r.str("label", true);
  const std::string type = r.str("type", true);
  if (auto len = r.integer("length")) f.length = static_cast<int>(*len);
  f.nullable = r.boolean("nullable", true);
  f.key = r.boolean("key");
  f.description = r.str("description");
  f.unit = r.str("unit");
  f.allowed_values = r.strings("allowed_values");
  f.pattern = r.str("pattern");
  if (auto min = r.scalar_text("min"); !min.empty()) f.min = min;
  if (auto max = r.scalar_text("max"); !max.empty()) f.max = max;
  f.security_grade = r.str("security_grade", false, "L1");
  const std::string check = r.str("check");
  f.mask_rule = r.str("mask_rule");
  KF_TRY(r.finish());
  auto parsed_type = core::parse_field_type(type);
  if (!parsed_type) return Error::invalid(where + "：" + parsed_type.error().message);
  f.type = *parsed_type;
  auto parsed_check = core::parse_field_check(check);
  if (!parsed_check) return Error::invalid(where + "：" + parsed_check.error().message);
  f.check = *parsed_check;
  if (auto ok = core::check_field(f); !ok) return Error::invalid(where + "：" + ok.error().message);
  return f;
}

Result<GeneratorSpec> parse_generator(const toml::table& t, const std::vector<core::Field>& fields,
                                      const std::string& file) {
  StrictTable r(t, file + " [generator]");
  GeneratorSpec g;
  const auto rows = r.integer("rows", true);
  const auto seed = r.integer("seed", true);
  const toml::table* specs = r.table("fields");
  KF_TRY(r.finish());
  if (!rows || *rows < 1 || !seed || *seed < 0) {
    return Error::invalid(file + "：[generator] 的 rows 应为正整数，seed 为非负整数");
  }
  if (specs == nullptr) return Error::invalid(file + "：缺少 [generator.fields]");
  g.rows = static_cast<std::uint64_t>(*rows);
  g.seed = static_cast<std::uint64_t>(*seed);
  for (const auto& f : fields) {
    auto spec = specs->get(f.name) != nullptr ? specs->get(f.name)->value<std::string>() : std::nullopt;
    if (!spec) return Error::invalid(file + "：字段「" + f.name + "」缺少生成器（字符串）");
    g.fields.push_back({f.name, *spec});
  }
  for (const auto& entry : *specs) {
    const std::string_view key = entry.first.str();
    const auto it = std::find_if(fields.begin(), fields.end(),
                                 [&](const core::Field& f) { return f.name == key; });
    if (it == fields.end()) {
      return Error::invalid(file + "：生成器中的「" + std::string(key) + "」不是字典中的字段");
    }
  }
  return g;
}

Result<void> check_entry(const DemoEntry& e, const std::string& file, const std::string& legal,
                         const std::string& conditions, const std::string& share_conditions) {
  auto bad = [&](const std::string& msg) { return Error::invalid(file + "：" + msg); };
  if (!one_of(kFrequencies, e.update_frequency)) return bad("update_frequency 取值无效");
  if (!one_of(kOpen, e.open_attribute)) return bad("open_attribute 取值无效");
  if (!one_of(kShare, e.share_attribute)) return bad("share_attribute 取值无效");
  if (!one_of(kGrades, e.security_level)) return bad("security_level 应为 L1–L4");
  const bool group_ok = e.database_group.empty() || one_of(kBasicGroups, e.database_group) ||
                        (e.database_group.starts_with("thematic:") && e.database_group.size() > 9);
  if (!group_ok) return bad("database_group 取值无效");
  if (e.open_attribute != "unconditional" && legal.empty()) {
    return bad("有条件开放或不予开放的目录须写明法律法规依据（legal_basis）");
  }
  if (e.open_attribute == "conditional" && conditions.empty()) {
    return bad("有条件开放的目录须写明开放条件（open_conditions）");
  }
  if (e.share_attribute == "conditional" && share_conditions.empty()) {
    return bad("有条件共享的目录须写明共享条件（share_conditions）");
  }
  if (e.share_attribute == "none" && legal.empty()) return bad("不予共享的目录须写明法律法规依据");
  if (e.fields.empty()) return bad("数据字典不能为空");
  for (std::size_t i = 0; i < e.fields.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (e.fields[i].name == e.fields[j].name) return bad("字段名重复：" + e.fields[i].name);
    }
  }
  return kf::ok();
}

}  // namespace

Result<DemoEntry> load_entry(const std::string& path) {
  const std::string file = std::filesystem::path(path).filename().string();
  KF_ASSIGN(toml::table root, parse_toml_file(path));
  DemoEntry e;
  e.toml_path = path;
  StrictTable r(root, file);
  e.code = r.str("code", true);
  e.name = r.str("name", true);
  r.str("summary", true);
  e.provider = r.str("provider", true);
  e.department = r.str("department", true);
  e.domain = r.str("domain", true);
  e.keywords = r.strings("keywords");
  e.region = r.str("region", true);
  r.strings("formats");
  const std::string data_type = r.str("data_type", false, "table");
  e.update_frequency = r.str("update_frequency", true);
  e.open_attribute = r.str("open_attribute", true);
  const std::string conditions = r.str("open_conditions");
  const std::string legal = r.str("legal_basis");
  e.share_attribute = r.str("share_attribute", true);
  const std::string share_conditions = r.str("share_conditions");
  e.security_level = r.str("security_level", true);
  r.str("usage_requirements");
  r.str("source_system");
  r.str("contact");
  e.database_group = r.str("database_group");
  e.contains_personal_data = r.boolean("contains_personal_data");
  const toml::array* fields = r.array("fields");
  const toml::table* gen = r.table("generator");
  KF_TRY(r.finish());
  if (!one_of(kDataTypes, data_type)) return Error::invalid(file + "：data_type 取值无效");
  if (fields != nullptr) {
    std::size_t n = 0;
    for (const auto& node : *fields) {
      ++n;
      const toml::table* ft = node.as_table();
      const std::string where = file + " [[fields]] 第 " + std::to_string(n) + " 项";
      if (ft == nullptr) return Error::invalid(where + "：应为表");
      KF_ASSIGN(auto f, parse_field(*ft, where));
      e.fields.push_back(std::move(f));
    }
  }
  KF_TRY(check_entry(e, file, legal, conditions, share_conditions));
  if (gen == nullptr) return Error::invalid(file + "：缺少 [generator]");
  KF_ASSIGN(e.generator, parse_generator(*gen, e.fields, file));
  root.erase("generator");
  e.table = std::move(root);
  // Compile the generator now so a bad spec fails at load time.
  auto compiled = RowGenerator::create(e);
  if (!compiled) return Error::invalid(file + "：" + compiled.error().message);
  return e;
}

Result<std::vector<DemoEntry>> load_entries(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> paths;
  for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
    if (item.path().extension() == ".toml") paths.push_back(item.path().string());
  }
  if (ec) return Error::invalid("无法读取演示目录：" + dir);
  std::vector<DemoEntry> entries;
  for (const auto& p : paths) {
    KF_ASSIGN(auto e, load_entry(p));
    entries.push_back(std::move(e));
  }
  std::sort(entries.begin(), entries.end(),
            [](const DemoEntry& a, const DemoEntry& b) { return a.code < b.code; });
  for (std::size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].code == entries[i - 1].code) {
      return Error::invalid("目录代码重复：" + entries[i].code);
    }
  }
  return entries;
}

}  // namespace kf::demo
