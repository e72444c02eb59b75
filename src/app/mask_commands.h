// `kaifang mask scan|apply`: detect personal data in a file and desensitize a file (issue 5).
#pragma once

#include <string>

namespace kf::app {

int run_mask_scan(const std::string& file, bool as_json);

struct MaskApplyOptions {
  std::string rules_file;  // TOML: [rules] column = "rule", optional keys = "path"
  std::string keys_file;   // overrides the rules file's keys
  std::string input;
  std::string output;      // CSV (UTF-8)
};
int run_mask_apply(const MaskApplyOptions& o);

}  // namespace kf::app
