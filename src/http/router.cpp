#include "http/router.h"

namespace kf::http {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

void Router::add(Route r) {
  segments_.push_back(split_path(r.pattern));
  routes_.push_back(std::move(r));
}

Router::Match Router::match(bh::verb method, std::string_view path) const {
  Match m;
  auto parts = split_path(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& segs = segments_[i];
    if (segs.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t k = 0; k < segs.size() && ok; ++k) {
      const std::string& s = segs[k];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        params[s.substr(1, s.size() - 2)] = parts[k];
      } else {
        ok = s == parts[k];
      }
    }
    if (!ok) continue;
    m.path_known = true;
    if (routes_[i].method == method) {
      m.route = &routes_[i];
      m.params = std::move(params);
      return m;
    }
  }
  return m;
}

}  // namespace kf::http
