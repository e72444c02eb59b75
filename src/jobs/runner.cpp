#include "jobs/runner.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>

#include "core/crypto.h"
#include "core/log.h"

namespace kf::jobs {

namespace json = boost::json;

std::string make_owner_id() {
  char host[256] = {0};
  if (::gethostname(host, sizeof host - 1) != 0) host[0] = 0;
  return std::string(host[0] ? host : "localhost") + ":" + std::to_string(::getpid()) + ":" + core::random_token(6);
}

// --- JobContext ---------------------------------------------------------------------------------

JobContext::JobContext(JobRunner& runner, const Claim& claim)
    : runner_(runner), id_(claim.id), attempt_(claim.attempts), kind_(claim.kind), payload_(claim.payload) {}

void JobContext::set_progress_source(std::function<json::object()> source) {
  std::lock_guard lock(mu_);
  progress_ = std::move(source);
}

std::optional<json::object> JobContext::sample_progress() const {
  std::lock_guard lock(mu_);
  if (!progress_) return std::nullopt;
  return progress_();
}

Result<void> JobContext::fence(db::Connection& conn) {
  auto now = runner_.now_ms();
  KF_ASSIGN(bool owned, renew(conn, id_, runner_.owner(), attempt_, now + runner_.options().lease_ms));
  if (!owned) {
    lost_ = true;
    return Error::conflict("任务已由其他服务进程接管");
  }
  return kf::ok();
}

// --- JobRunner ----------------------------------------------------------------------------------

JobRunner::JobRunner(db::Pool& pool, RunnerOptions options, const core::Clock* wall)
    : pool_(pool), options_(std::move(options)), wall_(wall ? wall : &system_clock_) {
  if (options_.owner.empty()) options_.owner = make_owner_id();
  options_.lease_ms = std::max<std::int64_t>(options_.lease_ms, 30);
  options_.poll_ms = std::max<std::int64_t>(options_.poll_ms, 10);
  options_.progress_ms = std::max<std::int64_t>(options_.progress_ms, 10);
}

JobRunner::~JobRunner() { stop(); }

void JobRunner::register_kind(const std::string& kind, Handler run, Cleanup cleanup) {
  std::lock_guard lock(mu_);
  if (started_) {
    spdlog::error("job kind {} registered after start: ignored", kind);
    return;
  }
  if (!kinds_.count(kind)) kind_names_.push_back(kind);
  kinds_[kind] = Kind{std::move(run), std::move(cleanup)};
}

void JobRunner::start() {
  std::lock_guard lock(mu_);
  if (started_ || options_.threads <= 0) return;
  started_ = true;
  for (int i = 0; i < options_.threads; ++i) workers_.emplace_back([this] { work(); });
  heartbeat_ = std::thread([this] { heartbeat(); });
  spdlog::info("{{\"event\":\"job_runner_started\",\"owner\":\"{}\",\"threads\":{},\"lease_ms\":{}}}",
               core::json_escape(options_.owner), options_.threads, options_.lease_ms);
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  {
    std::lock_guard lock(mu_);
    hb_stopping_ = true;
  }
  hb_cv_.notify_all();
  if (heartbeat_.joinable()) heartbeat_.join();
}

Result<std::int64_t> JobRunner::submit(const NewJob& job) {
  std::int64_t id = 0;
  {
    KF_ASSIGN(auto conn, pool_.acquire());
    KF_ASSIGN(id, insert_job(*conn, job, wall_->now_ms()));
  }
  {
    std::lock_guard lock(mu_);
    ++wakeups_;
  }
  cv_.notify_one();
  return id;
}

Result<Job> JobRunner::get(std::int64_t id) {
  Job job;
  {
    KF_ASSIGN(auto conn, pool_.acquire());
    KF_ASSIGN(job, load_job(*conn, id));
  }
  if (job.state == "running" && job.owner == options_.owner) {
    std::shared_ptr<JobContext> ctx;
    {
      std::lock_guard lock(mu_);
      if (auto it = active_.find(id); it != active_.end() && it->second.ctx->attempt() == job.attempts) {
        ctx = it->second.ctx;
      }
    }
    if (ctx) {
      if (auto p = ctx->sample_progress()) job.progress = std::move(*p);
    }
  }
  return job;
}

void JobRunner::work() {
  while (true) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
    }
    std::optional<Claim> claim;
    std::vector<Job> abandoned;
    if (auto conn = pool_.acquire()) {
      auto c = claim_next(**conn, kind_names_, options_.owner, wall_->now_ms(), options_.lease_ms, &abandoned);
      if (c) {
        claim = std::move(*c);
      } else {
        spdlog::warn("{{\"event\":\"job_claim_failed\",\"detail\":\"{}\"}}", core::json_escape(c.error().detail));
      }
    }
    for (const auto& j : abandoned) {
      spdlog::warn("{{\"event\":\"job_abandoned\",\"job\":{},\"kind\":\"{}\",\"attempts\":{}}}", j.id,
                   core::json_escape(j.kind), j.attempts);
      cleanup(j);
    }
    if (claim) {
      run(*claim);
      continue;  // there may be more
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms), [&] { return stopping_ || wakeups_ > 0; });
    if (wakeups_ > 0) --wakeups_;
  }
}

void JobRunner::run(const Claim& claim) {
  auto ctx = std::shared_ptr<JobContext>(new JobContext(*this, claim));
  std::int64_t now = wall_->now_ms();
  {
    std::lock_guard lock(mu_);
    active_[claim.id] = Active{ctx, now, now, {}};
  }
  spdlog::info("{{\"event\":\"job_started\",\"job\":{},\"kind\":\"{}\",\"attempt\":{}}}", claim.id,
               core::json_escape(claim.kind), claim.attempts);
  Result<json::object> out = Error::internal("no handler");
  if (auto it = kinds_.find(claim.kind); it != kinds_.end()) {
    try {
      out = it->second.run(*ctx);
    } catch (const std::exception& e) {
      out = Error::internal(std::string("handler threw: ") + e.what());
    } catch (...) {
      out = Error::internal("handler threw");
    }
  }
  ctx->set_progress_source({});
  if (!out && !out.error().detail.empty()) {
    spdlog::warn("{{\"event\":\"job_failed\",\"job\":{},\"kind\":\"{}\",\"detail\":\"{}\"}}", claim.id,
                 core::json_escape(claim.kind), core::json_escape(out.error().detail));
  }
  Result<bool> recorded = false;
  if (auto conn = pool_.acquire()) {
    recorded = finish(**conn, claim.id, options_.owner, claim.attempts, out.ok(), out ? *out : json::object{},
                      out ? std::string() : out.error().message, wall_->now_ms());
  } else {
    recorded = conn.error();
  }
  {
    std::lock_guard lock(mu_);
    active_.erase(claim.id);
  }
  if (!recorded) {
    // The lease runs out and another process (or this one) runs the job again.
    spdlog::error("{{\"event\":\"job_outcome_not_recorded\",\"job\":{},\"detail\":\"{}\"}}", claim.id,
                  core::json_escape(recorded.error().detail));
  } else if (!*recorded) {
    spdlog::warn("{{\"event\":\"job_lost\",\"job\":{},\"attempt\":{}}}", claim.id, claim.attempts);
  } else {
    spdlog::info("{{\"event\":\"job_finished\",\"job\":{},\"state\":\"{}\"}}", claim.id,
                 out ? "succeeded" : "failed");
    std::optional<Job> job;
    if (auto conn = pool_.acquire()) {  // given back before the cleanup runs
      if (auto j = load_job(**conn, claim.id)) job = std::move(*j);
    }
    if (job) cleanup(*job);
  }
}

void JobRunner::cleanup(const Job& job) {
  auto it = kinds_.find(job.kind);
  if (it == kinds_.end() || !it->second.cleanup) return;
  try {
    it->second.cleanup(job);
  } catch (...) {
    spdlog::warn("{{\"event\":\"job_cleanup_failed\",\"job\":{}}}", job.id);
  }
}

void JobRunner::heartbeat() {
  const std::int64_t renew_every = std::max<std::int64_t>(options_.lease_ms / 3, 10);
  const std::int64_t tick = std::min(renew_every, options_.progress_ms);
  while (true) {
    {
      std::unique_lock lock(mu_);
      if (hb_cv_.wait_for(lock, std::chrono::milliseconds(tick), [&] { return hb_stopping_; })) return;
    }
    std::vector<std::pair<std::int64_t, Active>> running;
    {
      std::lock_guard lock(mu_);
      for (const auto& [id, a] : active_) running.emplace_back(id, a);
    }
    if (running.empty()) continue;
    auto conn = pool_.acquire();
    if (!conn) {
      spdlog::warn("{{\"event\":\"job_heartbeat_failed\",\"detail\":\"{}\"}}", core::json_escape(conn.error().detail));
      continue;
    }
    for (auto& [id, a] : running) {
      std::int64_t now = wall_->now_ms();
      std::optional<json::object> progress;
      std::string text;
      if (now - a.progress_at >= options_.progress_ms) {
        if (auto p = a.ctx->sample_progress()) {
          text = json::serialize(*p);
          if (text != a.progress) progress = std::move(*p);
        }
      }
      if (!progress && now - a.renewed_at < renew_every) continue;
      auto owned = renew(**conn, id, options_.owner, a.ctx->attempt(), now + options_.lease_ms, progress);
      if (!owned) {
        spdlog::warn("{{\"event\":\"job_heartbeat_failed\",\"job\":{},\"detail\":\"{}\"}}", id,
                     core::json_escape(owned.error().detail));
        continue;
      }
      if (!*owned) {
        if (!a.ctx->lost_.exchange(true)) spdlog::warn("{{\"event\":\"job_lease_lost\",\"job\":{}}}", id);
        continue;
      }
      std::lock_guard lock(mu_);
      if (auto it = active_.find(id); it != active_.end() && it->second.ctx == a.ctx) {
        it->second.renewed_at = now;
        if (progress) {
          it->second.progress_at = now;
          it->second.progress = text;
        }
      }
    }
  }
}

}  // namespace kf::jobs
