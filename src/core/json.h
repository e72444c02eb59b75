// Helpers for reading request bodies as JSON objects with clear errors.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kf::core {

// Parses `body` as a JSON object; invalid_argument ("请求体不是有效的 JSON") otherwise.
Result<boost::json::object> parse_object(std::string_view body);

// A required string field: missing or not a string → invalid_argument naming the field.
Result<std::string> required_string(const boost::json::object& o, std::string_view key,
                                    std::string_view label);
// An optional string field: absent or null → nullopt; another type → invalid_argument.
Result<std::optional<std::string>> optional_string(const boost::json::object& o,
                                                   std::string_view key, std::string_view label);
Result<bool> optional_bool(const boost::json::object& o, std::string_view key, bool fallback);
Result<std::optional<std::int64_t>> optional_int(const boost::json::object& o,
                                                 std::string_view key, std::string_view label);

}  // namespace kf::core
