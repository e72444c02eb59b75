#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "http/router.h"

namespace kf::http {
namespace {

std::string_view mime_type(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

bool read_file(const std::filesystem::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = std::move(ss).str();
  return true;
}

// Whether the Accept-Encoding header accepts `coding` (a q of 0 refuses it; "*" accepts).
bool accepts(std::string_view header, std::string_view coding) {
  bool star = false;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    bool refused = false;
    if (semi != std::string_view::npos) {
      std::string_view params = item.substr(semi + 1);
      auto q = params.find("q=");
      if (q != std::string_view::npos) {
        std::string_view v = params.substr(q + 2);
        refused = v.starts_with("0") && v.find_first_of("123456789") == std::string_view::npos;
      }
    }
    if (name == coding) return !refused;
    if (name == "*") star = !refused;
  }
  return star;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) {
  if (root.empty()) return;
  std::error_code ec;
  auto canon = std::filesystem::weakly_canonical(root, ec);
  root_ = ec ? std::filesystem::path(root) : canon;
}

Response StaticFiles::serve(const Request& req) const {
  auto parts = split_path(req.path);
  std::filesystem::path rel;
  for (const auto& p : parts) {
    if (p == ".." || p == "." || p.find('\\') != std::string::npos || p.find('\0') != std::string::npos) {
      return error_response(bh::status::not_found, "not_found", "页面不存在");
    }
    rel /= p;
  }
  std::filesystem::path file = root_ / rel;
  std::error_code ec;
  bool is_asset = !parts.empty() && parts.front() == "assets";
  if (rel.empty() || !std::filesystem::is_regular_file(file, ec)) {
    if (is_asset || rel.has_extension()) {
      return error_response(bh::status::not_found, "not_found", "文件不存在");
    }
    file = root_ / "index.html";  // an app route: the app decides what to show
  }
  const bool is_index = file.filename() == "index.html" && file.parent_path() == root_;
  std::string body;
  std::string_view encoding;
  if (!is_index) {
    // The precompressed file when the client takes it: brotli first, then gzip.
    std::string_view accept = req.header("Accept-Encoding");
    for (std::string_view coding : {"br", "gzip"}) {
      std::filesystem::path packed = file;
      packed += coding == "br" ? ".br" : ".gz";
      if (accepts(accept, coding) && std::filesystem::is_regular_file(packed, ec) && read_file(packed, body)) {
        encoding = coding;
        break;
      }
    }
  }
  if (encoding.empty() && !read_file(file, body)) {
    return error_response(bh::status::not_found, "not_found", "页面不存在");
  }
  if (is_index && index_filter_) body = index_filter_(body);
  Response res{bh::status::ok, 11};
  res.set(bh::field::content_type, mime_type(file));
  res.set(bh::field::cache_control, is_asset ? "public, max-age=31536000, immutable" : "no-cache");
  if (!encoding.empty()) res.set(bh::field::content_encoding, encoding);
  if (!is_index) res.set(bh::field::vary, "Accept-Encoding");
  res.body() = std::move(body);
  return res;
}

}  // namespace kf::http
