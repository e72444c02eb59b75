// date datetime time.
#include <algorithm>

#include "demo/calendar.h"
#include "demo/gen.h"

namespace kf::demo {
namespace {

enum class Unit { date, datetime, clock };

class TimeGen : public ValueGen {
 public:
  struct Config {
    Unit unit = Unit::date;
    bool stepping = false;           // start + (row / per) * step, else random in [lo, hi]
    std::int64_t lo = 0, hi = 0;     // days, seconds or minutes by unit
    std::int64_t step = 1;
    std::int64_t per = 1;
    std::int64_t months = 0;         // date stepping by calendar months instead of days
    int recent = 0;                  // nested draws towards hi
    std::int64_t hour_lo = 0, hour_hi = 23;  // datetime, random mode
  };
  explicit TimeGen(Config c) : c_(c) {}

  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    std::int64_t v = 0;
    if (c_.stepping && c_.months > 0) {
      v = add_months(static_cast<std::int64_t>(ctx.row) / c_.per * c_.months);
    } else if (c_.stepping) {
      v = c_.lo + static_cast<std::int64_t>(ctx.row) / c_.per * c_.step;
    } else if (c_.unit == Unit::datetime && (c_.hour_lo > 0 || c_.hour_hi < 23)) {
      v = draw_in_hours(rng);
    } else {
      v = c_.hi - draw(rng, (c_.hi - c_.lo) / c_.step) * c_.step;
    }
    switch (c_.unit) {
      case Unit::date: append_date(v, out); break;
      case Unit::datetime: append_datetime(v, out); break;
      case Unit::clock:
        append_padded(out, v / 60, 2);
        out.push_back(':');
        append_padded(out, v % 60, 2);
        break;
    }
  }

 private:
  // The start date moved by n months, the day clamped to the month's length.
  std::int64_t add_months(std::int64_t n) const {
    int y = 0, m = 0, d = 0;
    civil_from_days(c_.lo, y, m, d);
    const std::int64_t total = static_cast<std::int64_t>(y) * 12 + (m - 1) + n;
    const int ny = static_cast<int>(total / 12), nm = static_cast<int>(total % 12) + 1;
    while (d > 28 && !is_real_date(ny, nm, d)) --d;
    return days_from_civil(ny, nm, d);
  }
  static bool is_real_date(int y, int m, int d) {
    int yy = 0, mm = 0, dd = 0;
    civil_from_days(days_from_civil(y, m, d), yy, mm, dd);
    return yy == y && mm == m && dd == d;
  }
  std::int64_t draw(Rng& rng, std::int64_t span) const {
    auto x = rng.below(static_cast<std::uint64_t>(span) + 1);
    for (int i = 0; i < c_.recent; ++i) x = rng.below(x + 1);
    return static_cast<std::int64_t>(x);
  }
  std::int64_t draw_in_hours(Rng& rng) const {
    const std::int64_t day_lo = c_.lo / 86400, day_hi = c_.hi / 86400;
    for (int attempt = 0; attempt < 64; ++attempt) {
      const std::int64_t day = day_hi - draw(rng, day_hi - day_lo);
      const std::int64_t sec = rng.between(c_.hour_lo * 3600, c_.hour_hi * 3600 + 3599);
      const std::int64_t v = day * 86400 + sec;
      if (v >= c_.lo && v <= c_.hi) return v;
    }
    return c_.lo;
  }
  Config c_;
};

// after: an earlier date (or datetime) field moved forward by a random number of days (hours,
// minutes) in [lo, hi]; empty when the source is empty.
class AfterGen : public ValueGen {
 public:
  AfterGen(std::size_t src, std::int64_t lo, std::int64_t hi, std::int64_t unit_seconds)
      : src_(src), lo_(lo), hi_(hi), unit_(unit_seconds) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    const std::string& v = (*ctx.values)[src_];
    const std::int64_t n = rng.between(lo_, hi_);
    if (v.size() == 10) {
      const auto d = parse_date(v);
      if (!d) return;
      if (unit_ == 86400) {
        append_date(*d + n, out);
      } else {
        append_datetime(*d * 86400 + n * unit_, out);
      }
    } else if (const auto t = parse_datetime(v)) {
      append_datetime(*t + n * unit_, out);
    }
  }

 private:
  std::size_t src_;
  std::int64_t lo_, hi_, unit_;
};

std::optional<std::int64_t> parse_unit(Unit u, std::string_view s) {
  switch (u) {
    case Unit::date: return parse_date(s);
    case Unit::datetime: return parse_datetime(s);
    case Unit::clock: return parse_clock(s);
  }
  return std::nullopt;
}

Result<std::int64_t> option(SpecParts& p, const BuildScope& scope, std::string_view key,
                            std::int64_t fallback) {
  auto raw = p.take(key);
  if (!raw) return fallback;
  auto v = parse_i64(*raw);
  if (!v || *v < 0) return scope.bad("选项「" + std::string(key) + "」应为非负整数");
  return *v;
}

}  // namespace

Result<GenPtr> build_after(SpecParts& p, const BuildScope& scope) {
  const auto colon = p.arg.find(':');
  if (colon == std::string::npos) return scope.bad("after 应写作 after:字段:最少..最多");
  KF_ASSIGN(auto src, scope.ref(std::string_view(p.arg).substr(0, colon)));
  const auto range = split_range(std::string_view(p.arg).substr(colon + 1));
  const auto lo = range ? parse_i64(range->first) : std::nullopt;
  const auto hi = range ? parse_i64(range->second) : std::nullopt;
  if (!lo || !hi || *lo > *hi) return scope.bad("after 的范围应写作 最少..最多（整数）");
  const std::string unit = p.take("unit").value_or("days");
  const std::int64_t seconds = unit == "days" ? 86400 : unit == "hours" ? 3600 : unit == "minutes" ? 60 : 0;
  if (seconds == 0) return scope.bad("unit 应为 days、hours 或 minutes");
  return GenPtr(std::make_unique<AfterGen>(src, *lo, *hi, seconds));
}

Result<GenPtr> build_time(SpecParts& p, const BuildScope& scope) {
  if (p.kind == "after") return build_after(p, scope);
  TimeGen::Config c;
  c.unit = p.kind == "date" ? Unit::date : p.kind == "datetime" ? Unit::datetime : Unit::clock;
  const char* shape = c.unit == Unit::date       ? "YYYY-MM-DD"
                      : c.unit == Unit::datetime ? "YYYY-MM-DD HH:MM:SS"
                                                 : "HH:MM";
  const auto range = split_range(p.arg);
  if (range) {
    const auto lo = parse_unit(c.unit, range->first), hi = parse_unit(c.unit, range->second);
    if (!lo || !hi || *lo > *hi) return scope.bad(std::string("时间范围应写作 ") + shape + ".." + shape);
    c.lo = *lo;
    c.hi = *hi;
  } else {
    if (c.unit == Unit::clock) return scope.bad("time 需要范围 HH:MM..HH:MM");
    const auto start = parse_unit(c.unit, p.arg);
    if (!start) return scope.bad(std::string("起始时间应写作 ") + shape);
    c.stepping = true;
    c.lo = *start;
  }
  const std::int64_t default_step = c.unit == Unit::datetime && c.stepping ? 3600 : 1;
  KF_ASSIGN(c.step, option(p, scope, "step", default_step));
  if (c.step < 1) return scope.bad("step 应为正整数");
  if (c.stepping) {
    KF_ASSIGN(c.per, option(p, scope, "per", 1));
    if (c.per < 1) return scope.bad("per 应为正整数");
    KF_ASSIGN(c.months, option(p, scope, "months", 0));
    if (c.months > 0 && c.unit != Unit::date) return scope.bad("months 仅用于 date");
    return GenPtr(std::make_unique<TimeGen>(c));
  }
  KF_ASSIGN(auto recent, option(p, scope, "recent", 0));
  if (recent > 8) return scope.bad("recent 应在 0–8 之间");
  c.recent = static_cast<int>(recent);
  if (auto hours = p.take("hours")) {
    const auto hr = split_range(*hours);
    const auto h1 = hr ? parse_i64(hr->first) : std::nullopt;
    const auto h2 = hr ? parse_i64(hr->second) : std::nullopt;
    if (c.unit != Unit::datetime || !h1 || !h2 || *h1 < 0 || *h2 > 23 || *h1 > *h2) {
      return scope.bad("hours 应写作 时..时（0–23），仅用于 datetime");
    }
    c.hour_lo = *h1;
    c.hour_hi = *h2;
  }
  return GenPtr(std::make_unique<TimeGen>(c));
}

}  // namespace kf::demo
