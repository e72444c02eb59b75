// API keys at work: per-key rate limit and daily quota on the data routes, usage counting, and
// the usage views for the key's owner and the authority.
#include <spdlog/spdlog.h>

#include "api/handlers.h"
#include "api/views.h"

namespace kf::api {

namespace json = boost::json;
using bh = http::bh::status;

std::optional<http::Response> check_key_limits(ApiContext& ctx, const http::Request& req) {
  if (!req.principal || req.principal->via != http::Principal::Via::api_key) return std::nullopt;
  std::int64_t key = req.principal->api_key_id;
  if (int wait = ctx.key_limiter.take("key:" + std::to_string(key)); wait > 0) {
    Response res = http::error_response(bh::too_many_requests, "rate_limited", "该 API 密钥请求过于频繁，请稍后再试");
    res.set(http::bh::field::retry_after, std::to_string(wait));
    return res;
  }
  auto used = ctx.access.calls_today(key);
  if (used && *used >= ctx.config.rate_limit.key_daily_quota) {
    Response res = http::error_response(bh::too_many_requests, "quota_exceeded",
                                        "该 API 密钥今日的调用次数已用完，北京时间零点重置");
    res.set(http::bh::field::retry_after, std::to_string(ctx.access.seconds_to_quota_reset()));
    return res;
  }
  return std::nullopt;
}

void record_key_usage(ApiContext& ctx, const http::Request& req, const std::string& entry_code, std::int64_t rows,
                      std::int64_t bytes) {
  if (!req.principal || req.principal->via != http::Principal::Via::api_key) return;
  if (auto r = ctx.access.record_usage(req.principal->api_key_id, entry_code, rows, bytes); !r) {
    spdlog::warn("could not record API usage: {}", r.error().detail);
  }
}

void record_data_call(ApiContext& ctx, const http::Request& req, const std::string& entry_code, std::int64_t rows,
                      std::int64_t bytes) {
  ctx.access.count_call(entry_code);
  record_key_usage(ctx, req, entry_code, rows, bytes);
}

namespace {
Response usage_response(const std::vector<access::ApiUsage>& items) {
  json::array a;
  for (const auto& u : items) {
    a.push_back({{"key_id", u.key_id}, {"day", u.day}, {"entry_code", u.entry_code}, {"calls", u.calls},
                 {"rows", u.rows}, {"bytes", u.bytes}});
  }
  return http::json_response(bh::ok, {{"items", a}});
}
}  // namespace

Response handle_my_usage(ApiContext& ctx, Request& req) {
  return respond(ctx.access.usage(req.principal->user_id, std::nullopt), usage_response);
}

Response handle_all_usage(ApiContext& ctx, Request& req) {
  std::optional<std::int64_t> key;
  if (auto it = req.query.find("key_id"); it != req.query.end()) key = std::strtoll(it->second.c_str(), nullptr, 10);
  return respond(ctx.access.usage(std::nullopt, key), usage_response);
}

}  // namespace kf::api
