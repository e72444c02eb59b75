#include <map>

#include "catalog/entry.h"

namespace kf::catalog {

namespace json = boost::json;

namespace {

// Flattens a description into path → JSON text; dictionary fields are addressed by name so
// that reordering or inserting a field shows as what it is.
void flatten(const json::object& doc, std::map<std::string, std::string>& out) {
  for (const auto& [k, v] : doc) {
    std::string key(k);
    if (key == "fields" && v.is_array()) {
      for (const auto& f : v.as_array()) {
        if (!f.is_object()) continue;
        const auto* name = f.as_object().if_contains("name");
        std::string prefix = "fields[" + (name && name->is_string() ? std::string(name->as_string()) : "?") + "]";
        for (const auto& [fk, fv] : f.as_object()) out[prefix + "." + std::string(fk)] = json::serialize(fv);
      }
    } else {
      out[key] = json::serialize(v);
    }
  }
}

}  // namespace

std::vector<Change> diff_meta(const json::object& before, const json::object& after) {
  std::map<std::string, std::string> a, b;
  flatten(before, a);
  flatten(after, b);
  std::vector<Change> out;
  auto ia = a.begin();
  auto ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
      out.push_back({ia->first, ia->second, ""});
      ++ia;
    } else if (ia == a.end() || ib->first < ia->first) {
      out.push_back({ib->first, "", ib->second});
      ++ib;
    } else {
      if (ia->second != ib->second) out.push_back({ia->first, ia->second, ib->second});
      ++ia;
      ++ib;
    }
  }
  return out;
}

}  // namespace kf::catalog
