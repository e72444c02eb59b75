// The job runner: background work (imports today; exports, quality scoring, sandbox runs,
// syncs, statistics later) as rows of table `jobs` that any server process on the database
// may run. Each process has an owner id (host:pid:random) and N worker threads that claim
// jobs with one conditional UPDATE; a heartbeat thread renews the leases of the jobs it runs
// every lease/3 and writes their progress (at most once per progress interval). A job whose
// lease ended (its process died or hung) is claimed again by any process and run again from
// the start, up to max_attempts; handlers must therefore be idempotent. The outcome is
// written only while the attempt still owns the job, so a job completes once.
//
// Lease times come from the wall clock (never the workflow's test clock): leases are compared
// across processes.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "jobs/job_table.h"

namespace kf::jobs {

struct RunnerOptions {
  int threads = 2;                   // worker threads; 0: this process submits and reads jobs only
  std::int64_t lease_ms = 30000;     // a job not renewed for this long may be taken over
  std::int64_t poll_ms = 1000;       // how often idle workers look for jobs of other processes
  std::int64_t progress_ms = 1000;   // at most one progress write per job and interval
  std::string owner;                 // empty: "host:pid:random"
};

class JobRunner;

// What a handler sees of its job. Thread-safe.
class JobContext {
 public:
  std::int64_t id() const { return id_; }
  int attempt() const { return attempt_; }  // 1 for the first run, 2 after a takeover …
  const std::string& kind() const { return kind_; }
  const boost::json::object& payload() const { return payload_; }

  // Progress of the running job: the runner calls `source` from its heartbeat thread about
  // once per progress interval, writes the answer to the row (so any process can show it)
  // and serves it to get() in this process. `source` must own what it reads (capture a
  // shared_ptr, not a reference to a local): it may be called until the handler returned.
  void set_progress_source(std::function<boost::json::object()> source);
  std::optional<boost::json::object> sample_progress() const;

  // True once the runner found that this attempt no longer owns the job (its lease expired
  // and another process took it over); the handler's result will be discarded.
  bool lost() const { return lost_.load(); }

  // Confirms, inside the caller's transaction on `conn`, that this attempt still owns the job
  // (and extends the lease). A handler calls it in the transaction that makes its work
  // visible, so the work of an attempt that was taken over is never committed. conflict when
  // the job was lost.
  Result<void> fence(db::Connection& conn);

 private:
  friend class JobRunner;
  JobContext(JobRunner& runner, const Claim& claim);
  JobRunner& runner_;
  std::int64_t id_;
  int attempt_;
  std::string kind_;
  boost::json::object payload_;
  std::atomic<bool> lost_{false};
  mutable std::mutex mu_;
  std::function<boost::json::object()> progress_;
};

// A handler runs one job to its end and returns the result (stored as `jobs.result`, state
// succeeded) or an error (state failed; the error's message is stored for the user, its
// detail logged). Exceptions count as internal errors.
using Handler = std::function<Result<boost::json::object>(JobContext&)>;
// Called once after the outcome of a job of the kind is recorded (by the process that
// recorded it; also when the runner gave up on a job whose attempts all died): removes the
// job's files and the like.
using Cleanup = std::function<void(const Job&)>;

class JobRunner {
 public:
  // `wall` (tests) defaults to the system clock; it must outlive the runner.
  JobRunner(db::Pool& pool, RunnerOptions options, const core::Clock* wall = nullptr);
  ~JobRunner();  // stop()
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Registers the handler of a kind. Before start() only; a process claims only the kinds it
  // has handlers for.
  void register_kind(const std::string& kind, Handler run, Cleanup cleanup = {});
  // Starts the workers and the heartbeat (nothing when options.threads is 0).
  void start();
  // Stops claiming and waits for the running handlers to return and their outcome to be
  // recorded. Idempotent.
  void stop();

  // Queues a job; a worker of this process wakes at once, others find it within poll_ms.
  Result<std::int64_t> submit(const NewJob& job);
  // The job's row; for a job this process is running, progress is sampled now.
  Result<Job> get(std::int64_t id);

  const std::string& owner() const { return options_.owner; }
  const RunnerOptions& options() const { return options_; }
  std::int64_t now_ms() const { return wall_->now_ms(); }

 private:
  friend class JobContext;
  struct Kind {
    Handler run;
    Cleanup cleanup;
  };
  struct Active {
    std::shared_ptr<JobContext> ctx;
    std::int64_t renewed_at = 0;
    std::int64_t progress_at = 0;
    std::string progress;  // last written, serialized
  };
  void work();
  void heartbeat();
  void run(const Claim& claim);
  void cleanup(const Job& job);

  db::Pool& pool_;
  RunnerOptions options_;
  core::SystemClock system_clock_;
  const core::Clock* wall_;
  std::map<std::string, Kind> kinds_;
  std::vector<std::string> kind_names_;

  std::mutex mu_;
  std::condition_variable cv_;     // workers: stop or a local submit
  std::condition_variable hb_cv_;  // heartbeat: stop
  bool started_ = false;
  bool stopping_ = false;     // workers leave
  bool hb_stopping_ = false;  // the heartbeat leaves (after the workers)
  int wakeups_ = 0;
  std::map<std::int64_t, Active> active_;
  std::vector<std::thread> workers_;
  std::thread heartbeat_;
};

// "host:pid:random": unique per process start.
std::string make_owner_id();

}  // namespace kf::jobs
