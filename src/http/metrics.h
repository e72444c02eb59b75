// Request counters and latency histograms by route, rendered in the Prometheus text format.
// Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace kf::http {

class Metrics {
 public:
  void record(const std::string& method, const std::string& route, unsigned status,
              double seconds);
  std::string render() const;

  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> counts_;
  std::map<std::string, Histogram> latency_;  // by route
};

}  // namespace kf::http
