#include <toml++/toml.h>

#include "app/catalog_commands.h"

namespace kf::app {

namespace json = boost::json;

namespace {

json::value to_json(const toml::node& n) {
  if (auto s = n.value<std::string>(); s && n.is_string()) return json::value(*s);
  if (n.is_integer()) return json::value(*n.value<std::int64_t>());
  if (n.is_floating_point()) return json::value(*n.value<double>());
  if (n.is_boolean()) return json::value(*n.value<bool>());
  if (const auto* a = n.as_array()) {
    json::array out;
    for (const auto& x : *a) out.push_back(to_json(x));
    return out;
  }
  if (const auto* t = n.as_table()) {
    json::object out;
    for (const auto& [k, v] : *t) out[k.str()] = to_json(v);
    return out;
  }
  return json::value(n.is_date() || n.is_date_time() ? "" : nullptr);
}

}  // namespace

Result<json::object> entry_toml_to_json(const std::string& path) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::invalid("目录文件不是有效的 TOML（" + path + " 第 " + std::to_string(e.source().begin.line) +
                          " 行）：" + std::string(e.description()));
  }
  json::object o = to_json(t).as_object();
  o.erase("generator");  // demo data recipe, not part of the description
  return o;
}

}  // namespace kf::app
