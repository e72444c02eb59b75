// Table `jobs`: durable background jobs shared by every server process on one database.
// These are the single-statement operations the runner is built from; each takes the time
// ("now", wall-clock milliseconds) and the owner explicitly, so tests can drive them directly.
// Every state change is one conditional UPDATE, so that of several processes exactly one wins
// on SQLite and on PostgreSQL alike (no SELECT … FOR UPDATE).
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "db/database.h"

namespace kf::jobs {

// Migrations of this module (versions 800–899).
std::vector<db::Migration> migrations();

// One row of `jobs`.
struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string state;  // queued | running | succeeded | failed
  boost::json::object payload;
  std::optional<boost::json::object> result;    // set when succeeded (the handler's answer)
  std::optional<boost::json::object> progress;  // last progress written while running
  std::string owner;                            // process holding (or that last held) the job
  std::optional<std::int64_t> lease_until;      // ms; only meaningful while running
  int attempts = 0;
  int max_attempts = 0;
  std::string error;  // user-facing message of a failed job
  std::int64_t created_at = 0;
  std::optional<std::int64_t> started_at, finished_at;
  std::optional<std::int64_t> created_by;  // user id, when a user asked for the job
};

// What a successful claim hands the claimer: the job as claimed, with `attempts` already
// counting this attempt. (id, owner, attempts) identifies the attempt in later calls.
struct Claim {
  std::int64_t id = 0;
  std::string kind;
  boost::json::object payload;
  int attempts = 0;
};

struct NewJob {
  std::string kind;
  boost::json::object payload;
  std::optional<std::int64_t> created_by;
  int max_attempts = 3;
};

// Inserts a queued job; returns its id. Runs on `conn` so that a caller can create the job in
// its own transaction.
Result<std::int64_t> insert_job(db::Connection& conn, const NewJob& job, std::int64_t now_ms);

Result<Job> load_job(db::Connection& conn, std::int64_t id);  // not_found when missing

// Claims one job of the given kinds: the oldest that is queued, or running with a lease that
// ended before `now_ms` and attempts left. Sets owner, lease_until = now + lease_ms, bumps
// attempts, clears progress. Returns nullopt when there is nothing to claim (or another
// process won every candidate). Expired jobs without attempts left are marked failed instead
// and reported through `abandoned` (so the caller can clean up after them).
Result<std::optional<Claim>> claim_next(db::Connection& conn, const std::vector<std::string>& kinds,
                                        const std::string& owner, std::int64_t now_ms, std::int64_t lease_ms,
                                        std::vector<Job>* abandoned = nullptr);

// Extends the lease (and writes `progress` when given) if the attempt still owns the job.
// Returns false when it does not (the lease expired and another process took the job over,
// or the job ended). Usable inside the caller's transaction as a fence: a write that must
// happen only while the attempt owns the job runs in the same transaction after it.
Result<bool> renew(db::Connection& conn, std::int64_t id, const std::string& owner, int attempt,
                   std::int64_t lease_until, const std::optional<boost::json::object>& progress = std::nullopt);

// Records the outcome (succeeded with `result`, or failed with `error`) if the attempt still
// owns the job; false otherwise (nothing written): so a job completes once.
Result<bool> finish(db::Connection& conn, std::int64_t id, const std::string& owner, int attempt, bool succeeded,
                    const boost::json::object& result, const std::string& error, std::int64_t now_ms);

}  // namespace kf::jobs
