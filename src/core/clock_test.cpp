#include "core/clock.h"

#include <gtest/gtest.h>

namespace kf::core {
namespace {

constexpr std::int64_t kSept28Morning = 1790557200000LL;  // 2026-09-28 09:00 China time

TEST(Clock, ChinaTimesAreReadAsUtcPlusEight) {
  EXPECT_EQ(*parse_china_time("2026-09-28"), kSept28Morning) << "a date alone is 09:00 China time";
  EXPECT_EQ(*parse_china_time("2026-09-28T09:00"), kSept28Morning);
  EXPECT_EQ(*parse_china_time("2026-09-28T09:00:00+08:00"), kSept28Morning);
  EXPECT_EQ(*parse_china_time("2026-09-28T01:00Z"), kSept28Morning);
  EXPECT_EQ(*parse_china_time("2026-09-28T09:00:30"), kSept28Morning + 30'000);
  EXPECT_EQ(china_iso8601(kSept28Morning), "2026-09-28T09:00:00+08:00");
  EXPECT_EQ(china_iso8601(kSept28Morning + 15 * 3600'000LL), "2026-09-29T00:00:00+08:00");
}

TEST(Clock, MalformedAndImpossibleTimesAreRefused) {
  for (const char* s : {"", "2026-9-28", "2026-02-30", "2026-09-28T25:00", "2026-09-28 09:00", "2026-09-28T09:00+01:00",
                        "tomorrow", "2026-09-28T09:00:00.5", "1960-01-01"}) {
    auto r = parse_china_time(s);
    ASSERT_FALSE(r) << s;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  }
}

TEST(Clock, AManualClockMovesOnlyWhenTold) {
  ManualClock c(kSept28Morning);
  EXPECT_EQ(c.now_ms(), kSept28Morning);
  c.advance(std::chrono::hours(1));
  EXPECT_EQ(c.now_ms(), kSept28Morning + 3600'000);
  c.set(5);
  EXPECT_EQ(c.now_ms(), 5);
}

}  // namespace
}  // namespace kf::core
