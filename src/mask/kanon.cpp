#include "mask/kanon.h"

#include <algorithm>
#include <unordered_map>

namespace kf::mask {
namespace {

// Class key: the quasi-identifier values, each length-prefixed so no separator can collide.
std::string class_key(const std::vector<std::string>& row, const std::vector<std::size_t>& qi) {
  std::string key;
  for (std::size_t c : qi) {
    const std::string& v = c < row.size() ? row[c] : std::string();
    key += std::to_string(v.size());
    key += ':';
    key += v;
  }
  return key;
}

}  // namespace

KAnonymitySuppression k_anonymity_suppress(const std::vector<std::vector<std::string>>& rows,
                                           const std::vector<std::size_t>& qi, std::size_t k) {
  std::unordered_map<std::string, std::vector<std::size_t>> classes;
  for (std::size_t i = 0; i < rows.size(); ++i) classes[class_key(rows[i], qi)].push_back(i);
  KAnonymitySuppression out;
  out.before.k = k;
  out.before.classes = classes.size();
  out.before.smallest_class = classes.empty() ? 0 : rows.size();
  for (const auto& [key, members] : classes) {
    out.before.smallest_class = std::min(out.before.smallest_class, members.size());
    if (members.size() < k) {
      out.before.rows_below_k += members.size();
      out.rows_to_suppress.insert(out.rows_to_suppress.end(), members.begin(), members.end());
    }
  }
  std::sort(out.rows_to_suppress.begin(), out.rows_to_suppress.end());
  return out;
}

KAnonymityReport k_anonymity(const std::vector<std::vector<std::string>>& rows,
                             const std::vector<std::size_t>& qi, std::size_t k) {
  return k_anonymity_suppress(rows, qi, k).before;
}

}  // namespace kf::mask
