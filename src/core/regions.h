// Administrative divisions (GB/T 2260): province, city and county codes, loaded from the shipped
// table data/regions/gb2260.tsv (see data/regions/README.md for its source and format).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kf::core {

enum class RegionLevel { province, city, county };

// "province" | "city" | "county".
std::string_view to_string(RegionLevel level);

struct Region {
  std::string code;  // 6 digits, e.g. "370700"
  std::string name;  // e.g. "潍坊市"
  RegionLevel level = RegionLevel::county;
  std::string parent_code;  // empty for provinces; municipalities' counties point at the province
};

// An immutable table of divisions, sorted by code. Lookups are O(log n) and allocate nothing.
// Thread safety: const member functions may be called from any number of threads at once.
// Pointers returned stay valid as long as the table lives (moving the table keeps them valid).
class RegionTable {
 public:
  // Reads the TSV at `path`. A missing or malformed file is Error::internal whose detail names
  // the path and line (it is a deployment problem, not a client error).
  static Result<RegionTable> load(const std::string& path);
  // Parses TSV text (header line first); `origin` names it in error details.
  static Result<RegionTable> parse(std::string_view tsv, std::string_view origin = "<text>");

  // The division with this code, or nullptr (also for malformed codes).
  const Region* find(std::string_view code) const;

  // The division, or Error::invalid with field "region_code":
  // "行政区划代码应为6位数字" for a malformed code, "行政区划代码不存在：<code>" for an unknown
  // one.
  Result<const Region*> check(std::string_view code) const;

  // The enclosing division, or nullptr for a province.
  const Region* parent(const Region& region) const { return find(region.parent_code); }

  std::span<const Region> all() const { return regions_; }
  std::size_t size() const { return regions_.size(); }

 private:
  std::vector<Region> regions_;  // sorted by code, unique
};

// True if `code` is exactly 6 ASCII digits.
bool is_region_code_shape(std::string_view code);

}  // namespace kf::core
