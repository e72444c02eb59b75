#include <ctime>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "access/service.h"

namespace kf::access {

namespace {
constexpr std::int64_t kChinaOffsetMs = 8 * 3600 * 1000;
}

std::string AccessService::usage_day() const {
  std::time_t secs = static_cast<std::time_t>((clock_.now_ms() + kChinaOffsetMs) / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::int64_t AccessService::seconds_to_quota_reset() const {
  std::int64_t local = (clock_.now_ms() + kChinaOffsetMs) / 1000;
  return 86400 - local % 86400;
}

Result<std::int64_t> AccessService::calls_today(std::int64_t key_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT COALESCE(SUM(calls), 0) FROM api_usage WHERE key_id = ? AND day = ?",
                              {key_id, usage_day()}));
  return rs.rows.empty() ? 0 : rs.rows[0].int64(0);
}

Result<std::int64_t> AccessService::total_calls() {
  KF_TRY(flush_calls());
  KF_ASSIGN(auto c, pool_.acquire());
  KF_ASSIGN(auto rs, c->query("SELECT COALESCE(SUM(calls), 0) FROM api_calls"));
  return rs.rows.empty() ? 0 : rs.rows[0].int64(0);
}

void AccessService::count_call(const std::string& entry_code) {
  bool due = false;
  {
    std::lock_guard lock(calls_mu_);
    ++pending_calls_[{usage_day(), entry_code}];
    // Steady time, not the injectable clock: a test's frozen clock must not stop the writes.
    due = std::chrono::steady_clock::now() - calls_flushed_ >= std::chrono::seconds(1);
  }
  if (due) {
    if (auto r = flush_calls(); !r) spdlog::warn("could not write API call counts: {}", r.error().detail);
  }
}

Result<void> AccessService::flush_calls() {
  std::map<std::pair<std::string, std::string>, std::int64_t> batch;
  {
    std::lock_guard lock(calls_mu_);
    batch.swap(pending_calls_);
    calls_flushed_ = std::chrono::steady_clock::now();
  }
  if (batch.empty()) return kf::ok();
  auto written = [&]() -> Result<void> {
    KF_ASSIGN(auto c, pool_.acquire());
    return db::transaction(*c, [&]() -> Result<void> {
      for (const auto& [key, n] : batch) {
        KF_TRY(c->query("INSERT INTO api_calls (day, entry_code, calls) VALUES (?, ?, ?) "
                        "ON CONFLICT (day, entry_code) DO UPDATE SET calls = api_calls.calls + excluded.calls",
                        {key.first, key.second, n}));
      }
      return kf::ok();
    });
  }();
  if (!written) {
    // Nothing was written (one transaction): keep the counts for the next attempt.
    std::lock_guard lock(calls_mu_);
    for (const auto& [key, n] : batch) pending_calls_[key] += n;
  }
  return written;
}

Result<void> AccessService::record_usage(std::int64_t key_id, const std::string& entry_code, std::int64_t rows,
                                         std::int64_t bytes) {
  KF_ASSIGN(auto c, pool_.acquire());
  // One statement on both databases (SQLite ≥ 3.24 and PostgreSQL know ON CONFLICT).
  KF_TRY(c->query("INSERT INTO api_usage (key_id, day, entry_code, calls, rows_out, bytes_out) VALUES (?, ?, ?, 1, ?, ?) "
                  "ON CONFLICT (key_id, day, entry_code) DO UPDATE SET calls = api_usage.calls + 1, "
                  "rows_out = api_usage.rows_out + excluded.rows_out, bytes_out = api_usage.bytes_out + excluded.bytes_out",
                  {key_id, usage_day(), entry_code, rows, bytes}));
  return kf::ok();
}

Result<std::vector<ApiUsage>> AccessService::usage(std::optional<std::int64_t> user_id,
                                                   std::optional<std::int64_t> key_id) {
  KF_ASSIGN(auto c, pool_.acquire());
  std::string sql =
      "SELECT u.key_id, u.day, u.entry_code, u.calls, u.rows_out, u.bytes_out FROM api_usage u "
      "JOIN api_keys k ON k.id = u.key_id WHERE 1 = 1";
  std::vector<db::Value> params;
  if (user_id) {
    sql += " AND k.user_id = ?";
    params.emplace_back(*user_id);
  }
  if (key_id) {
    sql += " AND u.key_id = ?";
    params.emplace_back(*key_id);
  }
  sql += " ORDER BY u.day DESC, u.key_id, u.entry_code LIMIT 1000";
  KF_ASSIGN(auto rs, c->query(sql, params));
  std::vector<ApiUsage> out;
  for (const auto& r : rs.rows) {
    out.push_back({r.int64(0), r.text(1), r.text(2), r.int64(3), r.int64(4), r.int64(5)});
  }
  return out;
}

}  // namespace kf::access
