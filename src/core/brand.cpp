#include "core/brand.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <utility>

#include "core/crypto.h"

namespace kf::core {
namespace {

// Relative luminance of an sRGB colour (WCAG 2.x); -1 when `hex` is not "#rrggbb".
double luminance(std::string_view hex) {
  if (hex.size() != 7 || hex[0] != '#') return -1;
  double channels[3];
  for (int i = 0; i < 3; ++i) {
    int v = 0;
    for (char ch : hex.substr(1 + 2 * i, 2)) {
      int d = (ch >= '0' && ch <= '9') ? ch - '0'
              : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
              : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10
                                         : -1;
      if (d < 0) return -1;
      v = v * 16 + d;
    }
    double c = v / 255.0;
    channels[i] = c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// No spaces, quotes or angle brackets: the value goes into HTML attributes and mail headers.
bool plain(std::string_view s) {
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) <= ' ' || ch == '"' || ch == '\'' || ch == '<' || ch == '>' || ch == '\\') {
      return false;
    }
  }
  return true;
}

bool web_url(std::string_view s) {
  return (s.starts_with("https://") || s.starts_with("http://")) && s.size() > 8 && plain(s);
}

bool mail_address(std::string_view s) {
  auto at = s.find('@');
  return at != std::string_view::npos && at > 0 && s.find('.', at) != std::string_view::npos &&
         s.find('@', at + 1) == std::string_view::npos && s.back() != '.' && plain(s);
}

}  // namespace

double contrast_ratio(std::string_view hex_a, std::string_view hex_b) {
  double a = luminance(hex_a), b = luminance(hex_b);
  if (a < 0 || b < 0) return 0;
  if (a < b) std::swap(a, b);
  return (a + 0.05) / (b + 0.05);
}

Result<void> check_brand(const BrandConfig& b) {
  if (b.name.empty()) return Error::invalid("brand.name 不能为空（平台的全称，如“潍坊市公共数据开放平台”）");
  if (b.short_name.empty()) return Error::invalid("brand.short_name 不能为空（手机页眉与短信中使用的简称）");
  for (auto [key, value, max] : std::initializer_list<std::tuple<const char*, const std::string*, std::size_t>>{
           {"name", &b.name, 60}, {"name_en", &b.name_en, 120}, {"short_name", &b.short_name, 12},
           {"icp", &b.icp, 40}, {"police_filing", &b.police_filing, 40}, {"site_code", &b.site_code, 20},
           {"notice", &b.notice, 120}, {"contact.bureau", &b.contact.bureau, 60},
           {"contact.address", &b.contact.address, 120}, {"contact.phone", &b.contact.phone, 40},
           {"contact.hours", &b.contact.hours, 60}}) {
    if (code_points(*value) > max) return Error::invalid(fmt::format("brand.{} 过长（最多 {} 个字）", key, max));
    if (value->find_first_of("<>\n\r") != std::string::npos) {
      return Error::invalid(fmt::format("brand.{} 不能含尖括号或换行", key));
    }
  }
  if (!b.region.empty() && !is_region_code_shape(b.region)) {
    return Error::invalid("brand.region 应为 6 位行政区划代码（GB/T 2260），如 \"370700\"");
  }
  if (!b.url.empty() && !web_url(b.url)) return Error::invalid("brand.url 应为 https:// 或 http:// 开头的网址");
  if (!b.accessibility_url.empty() && !web_url(b.accessibility_url) &&
      !(b.accessibility_url.starts_with("/") && !b.accessibility_url.starts_with("//") && plain(b.accessibility_url))) {
    return Error::invalid("brand.accessibility_url 应为本站路径（/ 开头）或 https:// 网址；留空使用内置的无障碍声明页");
  }
  if (!b.contact.email.empty() && !mail_address(b.contact.email)) {
    return Error::invalid("brand.contact.email 不是有效的邮件地址");
  }
  for (auto [key, value] : {std::pair{"primary", &b.colors.primary}, std::pair{"header", &b.colors.header}}) {
    double ratio = contrast_ratio(*value, "#ffffff");
    if (ratio == 0) return Error::invalid(fmt::format("brand.colors.{} 应为 #rrggbb 形式的颜色", key));
    if (ratio < 4.5) {
      return Error::invalid(fmt::format(
          "brand.colors.{} 与白色文字的对比度为 {:.1f}:1，低于 4.5:1（GB/T 37668、WCAG 2.1 AA），请选用更深的颜色", key,
          std::floor(ratio * 10) / 10));
    }
  }
  return kf::ok();
}

Result<Brand> load_brand(const BrandConfig& cfg, const std::string& data_dir, const RegionTable& regions) {
  KF_TRY(check_brand(cfg));
  Brand b;
  b.config = cfg;
  if (!cfg.region.empty()) {
    const Region* r = regions.find(cfg.region);
    if (!r) return Error::invalid(fmt::format("brand.region：行政区划代码不存在：{}", cfg.region));
    b.region_name = r->name;
  }
  if (cfg.logo.empty()) return b;
  namespace fs = std::filesystem;
  fs::path path(cfg.logo);
  if (path.is_relative()) path = fs::path(data_dir) / path;
  std::string ext = path.extension().string();
  if (ext != ".svg" && ext != ".png") return Error::invalid("brand.logo 应为 .svg 或 .png 文件");
  std::error_code ec;
  auto size = fs::file_size(path, ec);
  if (ec) return Error::invalid(fmt::format("brand.logo：无法读取 {}", path.string()));
  if (size > kMaxLogoBytes || size == 0) {
    return Error::invalid(fmt::format("brand.logo：{} 为空或超过 {} KiB", path.string(), kMaxLogoBytes / 1024));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::invalid(fmt::format("brand.logo：无法读取 {}", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  b.logo = std::move(ss).str();
  if (ext == ".png") {
    if (!b.logo.starts_with("\x89PNG\r\n\x1a\n")) return Error::invalid(fmt::format("brand.logo：{} 不是 PNG 图片", path.string()));
    b.logo_type = "image/png";
  } else {
    if (b.logo.find("<svg") == std::string::npos) {
      return Error::invalid(fmt::format("brand.logo：{} 不是 SVG 图片", path.string()));
    }
    b.logo_type = "image/svg+xml";
  }
  b.logo_etag = "\"" + keyed_hash("kaifang:brand:logo", b.logo).substr(0, 16) + "\"";
  return b;
}

}  // namespace kf::core
