// Time source. Everything that depends on "now" takes a Clock so tests can move time.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "core/error.h"

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

// A clock that only moves when told to. Thread-safe: tests and the scenario test clock of
// `kaifang serve --test-clock` (POST /api/v1/testing/clock) move it while requests read it.
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

// The same instant in China Standard Time (UTC+8, no daylight saving), to the second:
// 2026-09-28T09:00:00+08:00.
std::string china_iso8601(std::int64_t ms);

// A time given by an operator or a test, read as China time unless it says otherwise:
// "2026-09-28" (09:00 China time, the start of a working day), "2026-09-28T14:30",
// "2026-09-28T14:30:15", or either of the last two ending in "Z" (UTC) or "+08:00".
// invalid_argument (in Chinese) for anything else, including impossible dates.
Result<std::int64_t> parse_china_time(const std::string& s);

}  // namespace kf::core
