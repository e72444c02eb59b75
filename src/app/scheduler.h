// Runs the workflow timers (reminders, overdue marking, escalation) every few seconds in the
// background of `kaifang serve`. Several processes may run one each on a shared PostgreSQL
// database: the engine claims every timer with a conditional UPDATE.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "workflow/workflow.h"

namespace kf::app {

class WorkflowScheduler {
 public:
  // interval_s 0: does nothing.
  WorkflowScheduler(workflow::Engine& engine, int interval_s);
  ~WorkflowScheduler();
  WorkflowScheduler(const WorkflowScheduler&) = delete;
  WorkflowScheduler& operator=(const WorkflowScheduler&) = delete;

 private:
  void run();
  workflow::Engine& engine_;
  int interval_s_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace kf::app
