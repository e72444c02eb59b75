// Small helpers the apply module's files share (not part of its interface).
#pragma once

#include <boost/json.hpp>
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "db/database.h"

namespace kf::apply::detail {

// A JSON array of the strings.
inline boost::json::array to_array(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

// "?, ?, ?" for n values (at least one: an empty list becomes "?" bound to an impossible id by
// bind_ids).
inline std::string placeholders(std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < std::max<std::size_t>(n, 1); ++i) s += i ? ", ?" : "?";
  return s;
}
inline void bind_ids(std::vector<db::Value>& params, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) params.emplace_back(std::int64_t{-1});
  for (auto id : ids) params.emplace_back(id);
}

// The authority and admins act on every grant, grade and list.
inline bool staff_over_all(const catalog::Actor& a) { return a.is("admin") || a.is("authority"); }

// The position of grade `g` among `levels` (lowest first), -1 when it is not one of them.
inline int rank_of(const std::vector<std::string>& levels, const std::string& g) {
  auto it = std::find(levels.begin(), levels.end(), g);
  return it == levels.end() ? -1 : static_cast<int>(it - levels.begin());
}

}  // namespace kf::apply::detail
