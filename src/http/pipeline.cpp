#include "http/pipeline.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <boost/url/parse.hpp>
#include <chrono>

#include "core/crypto.h"
#include "core/log.h"

namespace kf::http {
namespace {

bool is_safe_method(bh::verb v) {
  return v == bh::verb::get || v == bh::verb::head || v == bh::verb::options;
}

bool is_api_path(std::string_view p) {
  return p.starts_with("/api/") || p == "/api" || p.starts_with("/resource/") || p == "/healthz" || p == "/readyz" ||
         p == "/metrics" || p == "/catalog.ttl" || p == "/catalog.jsonld";
}

// A client-supplied request id is kept only when it is short and plain.
std::string request_id_of(const Request& req) {
  std::string_view given = req.header("X-Request-Id");
  bool plain = !given.empty() && given.size() <= 64 &&
               std::all_of(given.begin(), given.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
               });
  return plain ? std::string(given) : core::random_token(12);
}

// Some clients (curl, scripts) send UTF-8 in the target without percent-encoding it; accept
// that by encoding bytes outside ASCII before parsing.
std::string encode_raw_utf8(std::string_view target) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : target) {
    if (c >= 0x80 || c == ' ') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

boost::system::result<boost::urls::url_view> parse_lenient(std::string_view target, std::string& storage) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (parsed) return parsed;
  storage = encode_raw_utf8(target);
  return boost::urls::parse_origin_form(storage);
}

bool parse_target(Request& req) {
  std::string storage;
  auto parsed = parse_lenient(req.raw.target(), storage);
  if (!parsed) return false;
  req.path = std::string(parsed->path());
  for (auto p : parsed->params()) req.query[std::string(p.key)] = std::string(p.value);
  return true;
}

}  // namespace

Pipeline::Pipeline(const Router& router, Authenticator auth, std::unique_ptr<RateLimiter> limiter,
                   std::string web_root, Metrics& metrics, const core::MessageCatalogue* english)
    : router_(router),
      auth_(std::move(auth)),
      limiter_(std::move(limiter)),
      static_files_(std::move(web_root)),
      metrics_(metrics),
      english_(english) {}

void Pipeline::localize(Response& res, std::string_view accept_language) const {
  localize_error(res, preferred_language(accept_language), english_);
}

Response Pipeline::handle(Request& req) const {
  auto start = std::chrono::steady_clock::now();
  req.request_id = request_id_of(req);
  Response res;
  if (!parse_target(req)) {
    res = error_response(bh::status::bad_request, "invalid_argument", "请求地址格式不正确");
  } else if (int wait = limiter_ && (req.path.starts_with("/api/") || req.path.starts_with("/resource/")) ? limiter_->take(req.remote_addr) : 0;
             wait > 0) {
    res = error_response(bh::status::too_many_requests, "rate_limited", "请求过于频繁，请稍后再试");
    res.set(bh::field::retry_after, std::to_string(wait));
  } else {
    try {
      res = route(req);
    } catch (const std::exception& e) {
      spdlog::error("{{\"event\":\"handler_exception\",\"request_id\":\"{}\",\"detail\":\"{}\"}}",
                    req.request_id, core::json_escape(e.what()));
      res = error_response(Error::internal(e.what()));
    }
  }
  localize(res, req.header("Accept-Language"));
  res.set("X-Request-Id", req.request_id);
  res.set(bh::field::server, "kaifang");
  res.set("X-Content-Type-Options", "nosniff");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string route = req.route.empty() ? (is_api_path(req.path) ? "unmatched" : "static") : req.route;
  unsigned status = res.result_int();
  metrics_.record(std::string(req.raw.method_string()), route, status, secs);
  // The access log records the route pattern, never the query string or the body: those may
  // carry personal data.
  spdlog::info(
      "{{\"event\":\"access\",\"request_id\":\"{}\",\"method\":\"{}\",\"route\":\"{}\","
      "\"status\":{},\"ms\":{:.2f},\"bytes\":{},\"remote\":\"{}\",\"user_id\":{}}}",
      req.request_id, req.raw.method_string(), core::json_escape(route), status, secs * 1000,
      res.body().size(), core::json_escape(req.remote_addr),
      req.principal ? req.principal->user_id : 0);
  return res;
}

const Route* Pipeline::find_route(bh::verb method, std::string_view target) const {
  std::string storage;
  auto parsed = parse_lenient(target, storage);
  if (!parsed) return nullptr;
  std::string path(parsed->path());
  if (!is_api_path(path)) return nullptr;
  return router_.match(method, path).route;
}

Response Pipeline::route(Request& req) const {
  if (!is_api_path(req.path)) {
    if (static_files_.enabled() && (req.method() == bh::verb::get || req.method() == bh::verb::head)) {
      return static_files_.serve(req);
    }
    return error_response(bh::status::not_found, "not_found", "页面不存在");
  }
  auto m = router_.match(req.method(), req.path);
  if (!m.route) {
    if (m.path_known) {
      return error_response(bh::status::method_not_allowed, "method_not_allowed",
                            "该地址不支持此请求方法");
    }
    return error_response(bh::status::not_found, "not_found", "接口不存在");
  }
  const Route& r = *m.route;
  req.route = r.pattern;
  req.params = std::move(m.params);

  auto who = auth_ ? auth_(req) : Result<std::optional<Principal>>(std::optional<Principal>{});
  if (!who) return error_response(who.error());
  req.principal = std::move(*who);

  if (r.permission.kind != Permission::Kind::anyone && !req.principal) {
    return error_response(Error::unauthenticated("请先登录"));
  }
  if (r.permission.kind == Permission::Kind::roles) {
    bool allowed = std::any_of(r.permission.roles.begin(), r.permission.roles.end(),
                               [&](const std::string& role) { return req.principal->has_role(role); });
    if (!allowed) return error_response(Error::denied("没有执行此操作的权限"));
  }
  if (req.principal && req.principal->via == Principal::Via::session && !r.csrf_exempt &&
      !is_safe_method(req.method())) {
    std::string_view token = req.header(kCsrfHeader);
    if (token.empty() || !core::equal_ct(token, req.principal->csrf_token)) {
      return error_response(bh::status::forbidden, "csrf_failed",
                            "缺少或错误的 CSRF 令牌（X-CSRF-Token），请刷新页面后重试");
    }
  }
  return r.handler(req);
}

}  // namespace kf::http
