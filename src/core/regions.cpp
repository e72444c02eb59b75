#include "core/regions.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <optional>
#include <sstream>

namespace kf::core {
namespace {

constexpr std::string_view kHeader = "code\tname\tlevel\tparent_code";

std::optional<RegionLevel> parse_level(std::string_view s) {
  if (s == "province") return RegionLevel::province;
  if (s == "city") return RegionLevel::city;
  if (s == "county") return RegionLevel::county;
  return std::nullopt;
}

// Splits `line` at tabs into exactly `N` fields; false if the count differs.
template <std::size_t N>
bool split_tabs(std::string_view line, std::array<std::string_view, N>& out) {
  std::size_t i = 0;
  while (true) {
    const auto tab = line.find('\t');
    if (i == N) return false;
    out[i++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return i == N;
}

Error bad_line(std::string_view origin, std::size_t line_no, std::string_view why) {
  std::string detail = "region table ";
  detail.append(origin);
  if (line_no > 0) detail.append(":").append(std::to_string(line_no));
  detail.append(": ").append(why);
  return Error::internal(std::move(detail));
}

}  // namespace

std::string_view to_string(RegionLevel level) {
  switch (level) {
    case RegionLevel::province:
      return "province";
    case RegionLevel::city:
      return "city";
    case RegionLevel::county:
      return "county";
  }
  return "county";
}

bool is_region_code_shape(std::string_view code) {
  return code.size() == 6 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Result<RegionTable> RegionTable::parse(std::string_view tsv, std::string_view origin) {
  if (tsv.starts_with("\xEF\xBB\xBF")) tsv.remove_prefix(3);  // tolerate a UTF-8 BOM
  RegionTable table;
  std::size_t line_no = 0;
  bool header_seen = false;
  while (!tsv.empty()) {
    const auto nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (!header_seen) {
      if (line != kHeader) return bad_line(origin, line_no, "expected header line");
      header_seen = true;
      continue;
    }
    if (line.empty()) continue;
    std::array<std::string_view, 4> f;
    if (!split_tabs(line, f)) return bad_line(origin, line_no, "expected 4 tab-separated fields");
    const auto level = parse_level(f[2]);
    if (!is_region_code_shape(f[0])) return bad_line(origin, line_no, "code is not 6 digits");
    if (f[1].empty()) return bad_line(origin, line_no, "empty name");
    if (!level) return bad_line(origin, line_no, "unknown level");
    const bool province = *level == RegionLevel::province;
    if (province ? !f[3].empty() : !is_region_code_shape(f[3])) {
      return bad_line(origin, line_no, "bad parent code");
    }
    table.regions_.push_back(
        Region{std::string(f[0]), std::string(f[1]), *level, std::string(f[3])});
  }
  if (!header_seen) return bad_line(origin, 1, "empty file");

  auto& rs = table.regions_;
  std::sort(rs.begin(), rs.end(), [](const Region& a, const Region& b) { return a.code < b.code; });
  const auto dup = std::adjacent_find(
      rs.begin(), rs.end(), [](const Region& a, const Region& b) { return a.code == b.code; });
  if (dup != rs.end()) return bad_line(origin, 0, "duplicate code " + dup->code);
  for (const Region& r : rs) {
    if (r.level == RegionLevel::province) continue;
    const Region* p = table.find(r.parent_code);
    if (p == nullptr || static_cast<int>(p->level) >= static_cast<int>(r.level)) {
      return bad_line(origin, 0, "code " + r.code + " has a missing or lower-level parent");
    }
  }
  return table;
}

Result<RegionTable> RegionTable::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::internal("cannot open region table " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Error::internal("cannot read region table " + path);
  return parse(buf.str(), path);
}

const Region* RegionTable::find(std::string_view code) const {
  const auto it = std::lower_bound(
      regions_.begin(), regions_.end(), code,
      [](const Region& r, std::string_view c) { return std::string_view(r.code) < c; });
  return it != regions_.end() && it->code == code ? &*it : nullptr;
}

Result<const Region*> RegionTable::check(std::string_view code) const {
  if (!is_region_code_shape(code)) return Error::invalid("行政区划代码应为6位数字", "region_code");
  const Region* r = find(code);
  if (r == nullptr) {
    return Error::invalid("行政区划代码不存在：" + std::string(code), "region_code");
  }
  return r;
}

}  // namespace kf::core
