#include "http/metrics.h"

#include <fmt/format.h>

namespace kf::http {

void Metrics::record(const std::string& method, const std::string& route, unsigned status,
                     double seconds) {
  std::lock_guard lock(mu_);
  ++counts_[{method, route, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render() const {
  std::lock_guard lock(mu_);
  std::string out =
      "# HELP kaifang_http_requests_total HTTP requests by method, route and status.\n"
      "# TYPE kaifang_http_requests_total counter\n";
  for (const auto& [key, n] : counts_) {
    const auto& [method, route, status] = key;
    out += fmt::format("kaifang_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       method, route, status, n);
  }
  out +=
      "# HELP kaifang_http_request_duration_seconds Time from request read to response ready.\n"
      "# TYPE kaifang_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format(
          "kaifang_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
          kBuckets[i], h.buckets[i]);
    }
    out += fmt::format("kaifang_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                       route, h.count);
    out += fmt::format("kaifang_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("kaifang_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                       h.count);
  }
  return out;
}

}  // namespace kf::http
