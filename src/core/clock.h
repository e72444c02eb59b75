// Time source. Everything that depends on "now" takes a Clock so tests can move time.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace kf::core {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch, UTC.
  virtual std::int64_t now_ms() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now_ms() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::int64_t start_ms) : now_(start_ms) {}
  std::int64_t now_ms() const override { return now_.load(); }
  void advance(std::chrono::milliseconds d) { now_ += d.count(); }
  void set(std::int64_t ms) { now_ = ms; }

 private:
  std::atomic<std::int64_t> now_;
};

// ISO 8601 in UTC with milliseconds, e.g. 2026-11-22T10:39:20.123Z.
std::string iso8601(std::int64_t ms);

}  // namespace kf::core
