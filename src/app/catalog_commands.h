// Catalog commands of the command line: entry list|show|create, import.
#pragma once

#include <string>

#include "app/runtime.h"

namespace kf::app {

int run_entry_list(const GlobalOptions& g, bool as_json);
int run_entry_show(const GlobalOptions& g, const std::string& code, bool as_json);
int run_entry_create(const GlobalOptions& g, const std::string& toml_file, bool publish);

struct ImportOptions {
  std::string entry;
  std::string file;
  std::string sheet;
  std::string mode = "reject";
  std::string rejected_csv;
  bool publish = false;
};
int run_import(const GlobalOptions& g, const ImportOptions& o);

// Reads a catalog entry file (docs/entry-format.md) into the JSON form the catalog parses;
// `provider` (an organisation name) stays in the object for the caller to resolve.
Result<boost::json::object> entry_toml_to_json(const std::string& path);
// Creates (or, when it exists, leaves alone) the entry described by a TOML file as `actor`.
Result<catalog::Entry> create_entry_from_toml(Runtime& rt, const std::string& path, const catalog::Actor& actor);

}  // namespace kf::app
