#include "mask/keys.h"

#include <fstream>
#include <sstream>

#include "mask/utf8.h"

namespace kf::mask {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool from_hex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

Error bad_line(int line, std::string_view what) {
  return Error::invalid("密钥文件第" + std::to_string(line) + "行" + std::string(what), "key_file");
}

}  // namespace

Result<Keys> Keys::parse(std::string_view text) {
  Keys keys;
  int line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = detail::trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (line.empty() || line[0] == '#' || line[0] == '[') continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) return bad_line(line_no, "格式错误，应为 名称 = \"十六进制\"");
    const std::string_view name = detail::trim(line.substr(0, eq));
    std::string_view value = detail::trim(line.substr(eq + 1));
    if (const std::size_t hash = value.find('#'); hash != std::string_view::npos) {
      value = detail::trim(value.substr(0, hash));
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    std::string* slot = name == "hmac_key" ? &keys.hmac_key : name == "sm4_key" ? &keys.sm4_key : nullptr;
    if (slot == nullptr) return bad_line(line_no, "的密钥名称未知（可用 hmac_key、sm4_key）");
    if (!from_hex(value, *slot)) return bad_line(line_no, "的密钥应为十六进制字符串");
  }
  if (!keys.sm4_key.empty() && keys.sm4_key.size() != 16) {
    return Error::invalid("密钥文件中的 sm4_key 应为16字节（32个十六进制字符）", "key_file");
  }
  if (!keys.hmac_key.empty() && keys.hmac_key.size() < 16) {
    return Error::invalid("密钥文件中的 hmac_key 至少应为16字节（32个十六进制字符）", "key_file");
  }
  return keys;
}

Result<Keys> Keys::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found("密钥文件不存在或无法读取");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse(ss.str());
}

}  // namespace kf::mask
