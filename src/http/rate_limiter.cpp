#include "http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace kf::http {

int RateLimiter::take(const std::string& key) {
  std::int64_t now = clock_.now_ms();
  std::lock_guard lock(mu_);
  // Bound memory: forget everyone when the table grows large; buckets refill quickly anyway.
  if (buckets_.size() > 100000) buckets_.clear();
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    double elapsed = static_cast<double>(now - b.last_ms) / 1000.0;
    b.tokens = std::min(burst_, b.tokens + elapsed * rate_);
    b.last_ms = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  double wait = (1.0 - b.tokens) / std::max(rate_, 1e-9);
  return std::max(1, static_cast<int>(std::ceil(wait)));
}

}  // namespace kf::http
