#include "demo/toml_read.h"

#include <algorithm>

namespace kf::demo {

const toml::node* StrictTable::get(std::string_view key) {
  known_.emplace_back(key);
  return t_.get(key);
}

void StrictTable::fail(std::string msg) {
  if (error_.empty()) error_ = where_ + "：" + msg;
}

std::string StrictTable::str(std::string_view key, bool required, std::string fallback) {
  const toml::node* n = get(key);
  if (n == nullptr) {
    if (required) fail("缺少「" + std::string(key) + "」");
    return fallback;
  }
  if (auto v = n->value<std::string>()) return *v;
  fail("「" + std::string(key) + "」应为字符串");
  return fallback;
}

bool StrictTable::boolean(std::string_view key, bool fallback) {
  const toml::node* n = get(key);
  if (n == nullptr) return fallback;
  if (auto v = n->value<bool>()) return *v;
  fail("「" + std::string(key) + "」应为 true 或 false");
  return fallback;
}

std::optional<std::int64_t> StrictTable::integer(std::string_view key, bool required) {
  const toml::node* n = get(key);
  if (n == nullptr) {
    if (required) fail("缺少「" + std::string(key) + "」");
    return std::nullopt;
  }
  if (n->is_integer()) return n->value<std::int64_t>();
  fail("「" + std::string(key) + "」应为整数");
  return std::nullopt;
}

std::vector<std::string> StrictTable::strings(std::string_view key) {
  std::vector<std::string> out;
  const toml::node* n = get(key);
  if (n == nullptr) return out;
  const toml::array* a = n->as_array();
  if (a == nullptr) {
    fail("「" + std::string(key) + "」应为字符串数组");
    return out;
  }
  for (const auto& item : *a) {
    if (auto v = item.value<std::string>()) {
      out.push_back(*v);
    } else {
      fail("「" + std::string(key) + "」应为字符串数组");
    }
  }
  return out;
}

std::string StrictTable::scalar_text(std::string_view key) {
  const toml::node* n = get(key);
  if (n == nullptr) return {};
  if (auto s = n->value_exact<std::string>()) return *s;
  if (auto i = n->value_exact<std::int64_t>()) return std::to_string(*i);
  fail("「" + std::string(key) + "」应为字符串或整数");
  return {};
}

const toml::table* StrictTable::table(std::string_view key) {
  const toml::node* n = get(key);
  if (n != nullptr && !n->is_table()) fail("「" + std::string(key) + "」应为表");
  return n != nullptr ? n->as_table() : nullptr;
}

const toml::array* StrictTable::array(std::string_view key) {
  const toml::node* n = get(key);
  if (n != nullptr && !n->is_array()) fail("「" + std::string(key) + "」应为数组");
  return n != nullptr ? n->as_array() : nullptr;
}

Result<void> StrictTable::finish() {
  for (const auto& [k, v] : t_) {
    if (std::find(known_.begin(), known_.end(), k.str()) == known_.end()) {
      fail("未知的键「" + std::string(k.str()) + "」");
    }
  }
  if (!error_.empty()) return Error::invalid(error_);
  return kf::ok();
}

Result<toml::table> parse_toml_file(const std::string& path) {
  try {
    return toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::invalid(path + "：不是有效的 TOML（第 " + std::to_string(e.source().begin.line) +
                          " 行）：" + std::string(e.description()));
  }
}

}  // namespace kf::demo
