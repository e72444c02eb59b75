// The demo city's fixed profile: 潍坊市 (370700), its twelve county-level divisions (GB/T 2260),
// their roads, approximate centres and population weights, and the word pools used to make
// plausible Chinese names. data/demo/orgs.toml lists the same divisions; a test keeps them equal.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace kf::demo {

inline constexpr std::string_view kProvinceCode = "370000";
inline constexpr std::string_view kProvinceName = "山东省";
inline constexpr std::string_view kCityCode = "370700";
inline constexpr std::string_view kCityName = "潍坊市";
inline constexpr std::string_view kAreaCode = "0536";  // telephone area code

// Bounds of generated coordinates, in millionths of a degree.
inline constexpr std::int64_t kLatMin = 35'700'000, kLatMax = 37'300'000;
inline constexpr std::int64_t kLonMin = 118'200'000, kLonMax = 120'000'000;

struct District {
  std::string_view code;   // GB/T 2260
  std::string_view name;   // full name, e.g. 寿光市
  std::string_view short_name;  // e.g. 寿光 (used in company names)
  std::string_view kind;   // 市辖区 | 县 | 县级市
  int weight;              // resident population, ten thousands (rounded): weights random picks
  std::int64_t lat, lon;   // approximate centre, millionths of a degree
  std::span<const std::string_view> roads;
};

std::span<const District> districts();
const District* find_district(std::string_view code_or_name);  // nullptr if none

// Word pools. Each is a list of UTF-8 strings; weighted pools carry their weight.
struct Weighted {
  std::string_view text;
  int weight;
};
std::span<const Weighted> surnames();
std::span<const std::string_view> given_male();
std::span<const std::string_view> given_female();
std::span<const std::string_view> given_any();
std::span<const std::string_view> brand_first();   // first character of a trade name (字号)
std::span<const std::string_view> brand_second();  // second character
// A line of business and its section (门类) of GB/T 4754 (A 农林牧渔 … S 公共管理和社会组织).
struct Trade {
  std::string_view words;
  char section;
};
std::span<const Trade> industries();                // companies: 机械制造 (C) …
std::span<const Weighted> company_suffixes();       // 有限公司 …
std::span<const Trade> shop_kinds();                // 个体工商户: 便利店 (F) …
std::span<const std::string_view> coop_kinds();     // 农民专业合作社: 蔬菜种植 …
std::span<const std::string_view> village_words();  // two-character place words
std::span<const std::string_view> society_topics(); // 社会组织: 风筝 …
std::span<const std::string_view> estate_words();   // residential compounds: 佳苑 …

}  // namespace kf::demo
