// Profiles on disk: reading one, listing data/policies/, resolving a name or a path.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "policy/profile.h"

namespace kf::policy {

namespace fs = std::filesystem;

Result<Profile> load_profile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid(fmt::format("无法读取政策配置文件 {}", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_profile(ss.str(), path);
}

Result<std::vector<std::string>> list_profiles(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> keys;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) keys.push_back(it->path().stem().string());
  }
  if (ec) return Error::not_found(fmt::format("无法读取政策配置目录 {}", dir));
  std::sort(keys.begin(), keys.end());
  return keys;
}

Result<Profile> find_profile(const std::string& data_dir, const std::string& key_or_path) {
  if (key_or_path.ends_with(".toml")) return load_profile(key_or_path);
  const std::string dir = data_dir + "/policies";
  bool plain = !key_or_path.empty() && std::all_of(key_or_path.begin(), key_or_path.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
  std::error_code ec;
  if (plain && fs::is_regular_file(dir + "/" + key_or_path + ".toml", ec)) {
    return load_profile(dir + "/" + key_or_path + ".toml");
  }
  std::string known;
  if (auto keys = list_profiles(dir)) {
    for (const auto& k : *keys) known += (known.empty() ? "" : "、") + k;
  }
  return Error::invalid(fmt::format("没有名为「{}」的政策配置（{} 中有：{}；也可给出 .toml 文件路径）", key_or_path, dir,
                                    known.empty() ? "无" : known));
}

}  // namespace kf::policy
