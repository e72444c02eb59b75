#include "jobs/job_table.h"

#include <algorithm>

namespace kf::jobs {

namespace json = boost::json;

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE jobs (
  id {{ID}},
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  payload TEXT NOT NULL,
  result TEXT,
  progress TEXT,
  owner TEXT NOT NULL DEFAULT '',
  lease_until BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  created_by BIGINT
);
CREATE INDEX jobs_open ON jobs (state, id);
)sql";

constexpr const char* kInsert =
    "INSERT INTO jobs (kind, state, payload, attempts, max_attempts, created_at, created_by) "
    "VALUES (?, 'queued', ?, 0, ?, ?, ?) RETURNING id";

constexpr const char* kSelectJob =
    "SELECT id, kind, state, payload, result, progress, owner, lease_until, attempts, max_attempts, error, "
    "created_at, started_at, finished_at, created_by FROM jobs WHERE id = ?";

// Candidates: queued, or running with an expired lease. "{{KINDS}}" becomes one placeholder per kind.
constexpr const char* kCandidates =
    "SELECT id, attempts, max_attempts, state FROM jobs "
    "WHERE (state = 'queued' OR (state = 'running' AND lease_until < ?)) AND kind IN ({{KINDS}}) "
    "ORDER BY id LIMIT 16";

// The claim: conditional on the state and the attempt count seen, so of several processes
// that saw the same candidate, one changes the row and the others change nothing.
constexpr const char* kClaim =
    "UPDATE jobs SET state = 'running', owner = ?, lease_until = ?, attempts = attempts + 1, started_at = ?, "
    "progress = NULL, error = '' "
    "WHERE id = ? AND attempts = ? AND attempts < max_attempts "
    "AND (state = 'queued' OR (state = 'running' AND lease_until < ?)) "
    "RETURNING kind, payload, attempts";

constexpr const char* kAbandon =
    "UPDATE jobs SET state = 'failed', error = ?, finished_at = ?, lease_until = NULL "
    "WHERE id = ? AND attempts = ? AND attempts >= max_attempts AND state = 'running' AND lease_until < ?";

constexpr const char* kRenew =
    "UPDATE jobs SET lease_until = ? WHERE id = ? AND owner = ? AND attempts = ? AND state = 'running'";
constexpr const char* kRenewWithProgress =
    "UPDATE jobs SET lease_until = ?, progress = ? "
    "WHERE id = ? AND owner = ? AND attempts = ? AND state = 'running'";

constexpr const char* kFinish =
    "UPDATE jobs SET state = ?, result = ?, error = ?, finished_at = ?, lease_until = NULL "
    "WHERE id = ? AND owner = ? AND attempts = ? AND state = 'running'";

constexpr const char* kAbandonMessage = "任务多次中断，已停止重试，请重新提交";

std::optional<json::object> parse_object(const db::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  boost::system::error_code ec;
  auto v = json::parse(r.text(i), ec);
  if (ec || !v.is_object()) return std::nullopt;
  return v.as_object();
}

std::optional<std::int64_t> opt_int(const db::Row& r, std::size_t i) {
  if (r.is_null(i)) return std::nullopt;
  return r.int64(i);
}

}  // namespace

std::vector<db::Migration> migrations() { return {{800, "jobs: durable background jobs with leases", kSchema}}; }

Result<std::int64_t> insert_job(db::Connection& conn, const NewJob& job, std::int64_t now_ms) {
  if (job.kind.empty()) return Error::internal("job without kind");
  db::Value by = job.created_by ? db::Value(*job.created_by) : db::null();
  KF_ASSIGN(auto rs, conn.query(kInsert, {job.kind, json::serialize(job.payload),
                                          std::int64_t{std::max(1, job.max_attempts)}, now_ms, by}));
  return rs.rows.at(0).int64(0);
}

Result<Job> load_job(db::Connection& conn, std::int64_t id) {
  KF_ASSIGN(auto rs, conn.query(kSelectJob, {id}));
  if (rs.rows.empty()) return Error::not_found("任务不存在");
  const auto& r = rs.rows[0];
  Job j;
  j.id = r.int64(0);
  j.kind = r.text(1);
  j.state = r.text(2);
  j.payload = parse_object(r, 3).value_or(json::object{});
  j.result = parse_object(r, 4);
  j.progress = parse_object(r, 5);
  j.owner = r.text(6);
  j.lease_until = opt_int(r, 7);
  j.attempts = static_cast<int>(r.int64(8));
  j.max_attempts = static_cast<int>(r.int64(9));
  j.error = r.text(10);
  j.created_at = r.int64(11);
  j.started_at = opt_int(r, 12);
  j.finished_at = opt_int(r, 13);
  j.created_by = opt_int(r, 14);
  return j;
}

Result<std::optional<Claim>> claim_next(db::Connection& conn, const std::vector<std::string>& kinds,
                                        const std::string& owner, std::int64_t now_ms, std::int64_t lease_ms,
                                        std::vector<Job>* abandoned) {
  if (kinds.empty()) return std::optional<Claim>{};
  std::string marks;
  for (std::size_t i = 0; i < kinds.size(); ++i) marks += i ? ", ?" : "?";
  std::string sql = kCandidates;
  sql.replace(sql.find("{{KINDS}}"), 9, marks);  // placeholders only: no value enters the SQL
  std::vector<db::Value> params{now_ms};
  for (const auto& k : kinds) params.emplace_back(k);
  KF_ASSIGN(auto candidates, conn.query(sql, params));
  for (const auto& c : candidates.rows) {
    std::int64_t id = c.int64(0), attempts = c.int64(1), max_attempts = c.int64(2);
    if (attempts >= max_attempts) {
      // Only a running job gets here (a queued one has attempts 0): its last attempt died.
      KF_ASSIGN(auto gone, conn.query(kAbandon, {std::string(kAbandonMessage), now_ms, id, attempts, now_ms}));
      if (gone.affected == 1 && abandoned) {
        KF_ASSIGN(Job j, load_job(conn, id));
        abandoned->push_back(std::move(j));
      }
      continue;
    }
    KF_ASSIGN(auto won, conn.query(kClaim, {owner, now_ms + lease_ms, now_ms, id, attempts, now_ms}));
    if (won.rows.empty()) continue;  // another process was faster
    Claim claim;
    claim.id = id;
    claim.kind = won.rows[0].text(0);
    boost::system::error_code ec;
    auto payload = json::parse(won.rows[0].text(1), ec);
    if (!ec && payload.is_object()) claim.payload = payload.as_object();
    claim.attempts = static_cast<int>(won.rows[0].int64(2));
    return std::optional<Claim>(std::move(claim));
  }
  return std::optional<Claim>{};
}

Result<bool> renew(db::Connection& conn, std::int64_t id, const std::string& owner, int attempt,
                   std::int64_t lease_until, const std::optional<json::object>& progress) {
  std::int64_t a = attempt;
  if (progress) {
    KF_ASSIGN(auto rs, conn.query(kRenewWithProgress, {lease_until, json::serialize(*progress), id, owner, a}));
    return rs.affected == 1;
  }
  KF_ASSIGN(auto rs, conn.query(kRenew, {lease_until, id, owner, a}));
  return rs.affected == 1;
}

Result<bool> finish(db::Connection& conn, std::int64_t id, const std::string& owner, int attempt, bool succeeded,
                    const json::object& result, const std::string& error, std::int64_t now_ms) {
  db::Value res = succeeded ? db::Value(json::serialize(result)) : db::null();
  KF_ASSIGN(auto rs, conn.query(kFinish, {std::string(succeeded ? "succeeded" : "failed"), res,
                                          succeeded ? std::string() : error, now_ms, id, owner,
                                          std::int64_t{attempt}}));
  return rs.affected == 1;
}

}  // namespace kf::jobs
