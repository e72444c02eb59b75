// Internal: strict reading of TOML tables (every key known, every type right) for the demo files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/error.h"

namespace kf::demo {

class StrictTable {
 public:
  // `where` names the table in messages, e.g. "entries/jt_bus_lines.toml [[fields]] 3".
  StrictTable(const toml::table& t, std::string where) : t_(t), where_(std::move(where)) {}

  // Missing keys give `fallback` (or an error when required); wrong types always an error.
  std::string str(std::string_view key, bool required = false, std::string fallback = {});
  bool boolean(std::string_view key, bool fallback = false);
  std::optional<std::int64_t> integer(std::string_view key, bool required = false);
  std::vector<std::string> strings(std::string_view key);
  // A string or an integer as text; "" when missing.
  std::string scalar_text(std::string_view key);
  const toml::table* table(std::string_view key);
  const toml::array* array(std::string_view key);

  // The first problem seen, including unknown keys; ok() when none.
  Result<void> finish();

 private:
  const toml::node* get(std::string_view key);
  void fail(std::string msg);
  const toml::table& t_;
  std::string where_;
  std::vector<std::string> known_;
  std::string error_;
};

// Parses a file; a syntax error names the file and line.
Result<toml::table> parse_toml_file(const std::string& path);

}  // namespace kf::demo
