// Token-bucket rate limiting by key (client address). Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace kf::http {

class RateLimiter {
 public:
  RateLimiter(double per_second, double burst, const core::Clock& clock)
      : rate_(per_second), burst_(burst), clock_(clock) {}

  // Takes one token for `key`. Returns 0 when allowed, otherwise the seconds to wait
  // (for the Retry-After header, at least 1).
  int take(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    std::int64_t last_ms;
  };
  double rate_;
  double burst_;
  const core::Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace kf::http
