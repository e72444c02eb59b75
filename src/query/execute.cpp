// execute(): runs a compiled query under a time limit.
#include <fmt/format.h>

#include "query/query.h"

namespace kf::query {
namespace {

bool is_timeout(const Error& e) {
  return e.detail.find("statement timeout") != std::string::npos ||
         e.detail.find("canceling statement") != std::string::npos;
}

}  // namespace

Result<db::ResultSet> execute(db::Connection& conn, const CompiledQuery& query,
                              std::chrono::milliseconds timeout) {
  if (conn.dialect() == db::Dialect::sqlite) {
    // A progress handler interrupts the statement at the deadline.
    conn.set_deadline(std::chrono::steady_clock::now() + timeout);
    auto rs = conn.query(query.sql, query.params);
    conn.set_deadline(std::nullopt);
    if (!rs && rs.error().detail.find("interrupted") != std::string::npos) {
      Error e = Error::unavailable(fmt::format("查询执行超时（超过 {} 毫秒），请缩小查询范围", timeout.count()),
                                   rs.error().detail);
      e.slug = "query_timeout";
      return e;
    }
    return rs;
  }

  // SET LOCAL lasts until the end of the transaction, so the limit never leaks to the next
  // user of a pooled connection. Inside a caller's transaction it stays until that ends.
  const bool own_transaction = conn.idle();
  if (own_transaction) KF_TRY(conn.begin());
  const auto ms = std::max<std::int64_t>(1, timeout.count());
  auto set = conn.query(fmt::format("SET LOCAL statement_timeout = {}", ms));
  if (!set) {
    if (own_transaction) (void)conn.rollback();
    return std::move(set).error();
  }
  auto rs = conn.query(query.sql, query.params);
  if (own_transaction) {
    // Read-only work: rolling back ends the transaction without committing anything.
    auto ended = conn.rollback();
    if (rs && !ended) return std::move(ended).error();
  }
  if (!rs && is_timeout(rs.error())) {
    Error e = Error::unavailable(fmt::format("查询执行超时（超过 {} 毫秒），请缩小查询范围", ms),
                                 rs.error().detail);
    e.slug = "query_timeout";
    return e;
  }
  return rs;
}

}  // namespace kf::query
