#include "core/json.h"

#include <fmt/format.h>

namespace kf::core {

namespace json = boost::json;

Result<json::object> parse_object(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return Error::invalid("请求体不是有效的 JSON");
  if (!v.is_object()) return Error::invalid("请求体应为 JSON 对象");
  return std::move(v.as_object());
}

Result<std::string> required_string(const json::object& o, std::string_view key,
                                    std::string_view label) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return Error::invalid(fmt::format("缺少{}", label), std::string(key));
  if (!v->is_string()) return Error::invalid(fmt::format("{}应为字符串", label), std::string(key));
  return std::string(v->as_string());
}

Result<std::optional<std::string>> optional_string(const json::object& o, std::string_view key,
                                                   std::string_view label) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::string>{};
  if (!v->is_string()) return Error::invalid(fmt::format("{}应为字符串", label), std::string(key));
  return std::optional<std::string>(std::string(v->as_string()));
}

Result<bool> optional_bool(const json::object& o, std::string_view key, bool fallback) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_bool()) return Error::invalid(fmt::format("{} 应为布尔值", key), std::string(key));
  return v->as_bool();
}

Result<std::optional<std::int64_t>> optional_int(const json::object& o, std::string_view key,
                                                 std::string_view label) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<std::int64_t>{};
  if (v->is_int64()) return std::optional<std::int64_t>(v->as_int64());
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX) {
    return std::optional<std::int64_t>(static_cast<std::int64_t>(v->as_uint64()));
  }
  return Error::invalid(fmt::format("{}应为整数", label), std::string(key));
}

}  // namespace kf::core
