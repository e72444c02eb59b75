// GET /api/v1/site and /api/v1/site/logo: the deployment's brand ([brand] in the configuration),
// so that the portal's title, header, footer and accessibility statement name the city's platform.
#include "api/site_routes.h"

namespace kf::api {

namespace json = boost::json;

namespace {

json::value or_null(const std::string& s) { return s.empty() ? json::value(nullptr) : json::value(s); }

// Text for HTML element content and double-quoted attributes.
std::string html_escaped(std::string_view s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

// Replaces the text between `open` (its end) and `close`; false when either is missing.
bool replace_between(std::string& html, std::string_view open, std::string_view close, std::string_view text) {
  auto a = html.find(open);
  if (a == std::string::npos) return false;
  a += open.size();
  auto b = html.find(close, a);
  if (b == std::string::npos) return false;
  html.replace(a, b - a, text);
  return true;
}

Response handle_site(ApiContext& ctx, Request&) {
  return http::json_response(http::bh::status::ok, site_json(ctx.brand));
}

Response handle_site_logo(ApiContext& ctx, Request& req) {
  const core::Brand& b = ctx.brand;
  if (b.logo.empty()) return http::error_response(Error::not_found("本平台未配置标志图片（[brand] logo）"));
  Response res{req.header("If-None-Match") == b.logo_etag ? http::bh::status::not_modified : http::bh::status::ok, 11};
  res.set(http::bh::field::etag, b.logo_etag);
  res.set(http::bh::field::cache_control, "public, max-age=86400");
  // An SVG opened at its own address must not run anything in the portal's origin.
  res.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  if (res.result() == http::bh::status::ok) {
    res.set(http::bh::field::content_type, b.logo_type);
    res.body() = b.logo;
  }
  return res;
}

}  // namespace

json::object site_json(const core::Brand& brand) {
  const core::BrandConfig& c = brand.config;
  json::value region = nullptr;
  if (!c.region.empty()) region = json::object{{"code", c.region}, {"name", brand.region_name}};
  return {
      {"name", c.name},
      {"name_en", or_null(c.name_en)},
      {"short_name", c.short_name},
      {"region", region},
      {"url", or_null(c.url)},
      {"logo_url", brand.logo.empty() ? json::value(nullptr)
                                      : json::value("/api/v1/site/logo?v=" + brand.logo_etag.substr(1, 8))},
      {"contact",
       {{"bureau", or_null(c.contact.bureau)},
        {"address", or_null(c.contact.address)},
        {"phone", or_null(c.contact.phone)},
        {"email", or_null(c.contact.email)},
        {"hours", or_null(c.contact.hours)}}},
      {"icp", or_null(c.icp)},
      {"police_filing", or_null(c.police_filing)},
      {"site_code", or_null(c.site_code)},
      {"accessibility_url", c.accessibility_url.empty() ? std::string("/accessibility") : c.accessibility_url},
      {"notice", or_null(c.notice)},
      {"colors", {{"primary", c.colors.primary}, {"header", c.colors.header}}},
  };
}

std::string brand_index_html(const core::Brand& brand, std::string_view in) {
  std::string html(in);
  const core::BrandConfig& c = brand.config;
  replace_between(html, "<title>", "</title>", html_escaped(c.name));
  replace_between(html, "<meta name=\"description\" content=\"", "\"", html_escaped(c.name));
  // The JSON goes inside a <script> element: "<" never appears raw, so "</script>" cannot end it.
  std::string data = json::serialize(site_json(brand));
  std::string safe;
  for (char ch : data) {
    if (ch == '<') safe += "\\u003c";
    else if (ch == '>') safe += "\\u003e";
    else if (ch == '&') safe += "\\u0026";
    else safe += ch;
  }
  std::string head = "<meta name=\"theme-color\" content=\"" + html_escaped(c.colors.header) + "\" />\n";
  if (!brand.logo.empty()) {
    // The deployment's logo is the icon: the app's own one is replaced, or one is added.
    std::string icon = "<link rel=\"icon\" type=\"" + brand.logo_type + "\" href=\"/api/v1/site/logo\" />";
    auto a = html.find("<link rel=\"icon\"");
    auto b = a == std::string::npos ? a : html.find('>', a);
    if (b != std::string::npos) html.replace(a, b + 1 - a, icon);
    else head += icon + "\n";
  }
  head += "<script id=\"kf-site\" type=\"application/json\">" + safe + "</script>\n";
  auto at = html.find("</head>");
  if (at == std::string::npos) {
    at = html.find("</title>");
    at = at == std::string::npos ? 0 : at + 8;
  }
  html.insert(at, head);
  return html;
}

void register_site_routes(http::Router& router, ApiContext& ctx) {
  router.add({http::bh::verb::get, "/api/v1/site", http::Permission::anyone(),
              [&ctx](Request& req) { return handle_site(ctx, req); },
              "门户信息：平台名称、地区、标志、主办单位联系方式、ICP 备案号、无障碍声明与配色（[brand] 配置）", "system"});
  router.add({http::bh::verb::get, "/api/v1/site/logo", http::Permission::anyone(),
              [&ctx](Request& req) { return handle_site_logo(ctx, req); },
              "平台标志图片（SVG 或 PNG；未配置时 404；支持 ETag / If-None-Match）", "system"});
}

}  // namespace kf::api
