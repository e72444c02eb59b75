#include "http/request.h"

#include <algorithm>
#include <charconv>

namespace kf::http {

bool Principal::has_role(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string_view Request::header(std::string_view name) const {
  auto it = raw.find(name);
  return it == raw.end() ? std::string_view{} : std::string_view(it->value());
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  std::string_view all = header("Cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    std::string_view part = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
  }
  return std::nullopt;
}

Result<std::int64_t> Request::id_param(const std::string& name) const {
  auto it = params.find(name);
  std::int64_t v = 0;
  if (it != params.end()) {
    const std::string& s = it->second;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc() && p == s.data() + s.size() && v > 0) return v;
  }
  return Error::not_found("资源不存在");
}

Response json_response(bh::status status, const boost::json::value& body) {
  Response res{status, 11};
  res.set(bh::field::content_type, "application/json; charset=utf-8");
  res.body() = boost::json::serialize(body);
  return res;
}

Response empty_response(bh::status status) { return Response{status, 11}; }

bh::status status_of(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument: return bh::status::bad_request;
    case ErrorCode::unauthenticated: return bh::status::unauthorized;
    case ErrorCode::permission_denied: return bh::status::forbidden;
    case ErrorCode::not_found: return bh::status::not_found;
    case ErrorCode::conflict: return bh::status::conflict;
    case ErrorCode::too_large: return bh::status::payload_too_large;
    case ErrorCode::rate_limited: return bh::status::too_many_requests;
    case ErrorCode::unavailable: return bh::status::service_unavailable;
    case ErrorCode::internal: return bh::status::internal_server_error;
  }
  return bh::status::internal_server_error;
}

Response error_response(bh::status status, std::string_view code, std::string_view message) {
  return json_response(status, {{"error", {{"code", code}, {"message", message}}}});
}

Response error_response(const Error& e) {
  boost::json::object err{{"code", e.slug.empty() ? to_string(e.code) : e.slug}, {"message", e.message}};
  if (!e.field.empty()) err["field"] = e.field;
  if (!e.action.empty()) err["action"] = e.action;
  return json_response(status_of(e.code), {{"error", err}});
}

}  // namespace kf::http
