// Shared by the demo tests: paths in the source tree and the loaded demo data (loaded once).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "demo/demo.h"

namespace kf::demo::testing {

inline std::filesystem::path source_root() {
  const char* src = std::getenv("KF_SOURCE_DIR");
  if (src != nullptr && *src != '\0') return src;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
}

inline std::string entries_dir() { return (source_root() / "data" / "demo" / "entries").string(); }
inline std::string orgs_path() { return (source_root() / "data" / "demo" / "orgs.toml").string(); }
inline std::string regions_path() { return (source_root() / "data" / "regions" / "gb2260.tsv").string(); }

// The demo entries, loaded on first use; empty (and the test fails) when loading fails.
const std::vector<DemoEntry>& entries();

}  // namespace kf::demo::testing
