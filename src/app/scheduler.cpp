#include "app/scheduler.h"

#include <spdlog/spdlog.h>

namespace kf::app {

WorkflowScheduler::WorkflowScheduler(workflow::Engine& engine, int interval_s)
    : engine_(engine), interval_s_(interval_s) {
  if (interval_s_ > 0) thread_ = std::thread([this] { run(); });
}

WorkflowScheduler::~WorkflowScheduler() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WorkflowScheduler::run() {
  std::unique_lock lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::seconds(interval_s_), [this] { return stop_; })) {
    lock.unlock();
    auto r = engine_.tick();
    if (!r) {
      spdlog::warn("{{\"event\":\"workflow_tick_failed\",\"error\":\"{}\"}}", r.error().message);
    } else if (r->reminders || r->overdue || r->mailed) {
      spdlog::info("{{\"event\":\"workflow_tick\",\"reminders\":{},\"overdue\":{},\"escalated\":{},\"mailed\":{}}}",
                   r->reminders, r->overdue, r->escalated, r->mailed);
    }
    lock.lock();
  }
}

}  // namespace kf::app
