// Ingest jobs: uploads run in the background on a small thread pool; their live progress is
// kept in memory and their outcome in table ingest_jobs. Jobs left running by a process that
// died are marked failed at start-up.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <boost/json.hpp>
#include <map>
#include <memory>
#include <mutex>

#include "catalog/service.h"

namespace kf::catalog {

class IngestJobs {
 public:
  IngestJobs(CatalogService& catalog, db::Pool& pool, const core::Clock& clock, int threads);
  ~IngestJobs();

  // Takes over the file at req.path (it is moved into the work directory and removed when the
  // job ends) and queues the import. Returns the job as JSON.
  Result<boost::json::object> submit(const Actor& a, const std::string& code, ImportRequest req);
  Result<boost::json::object> get(const Actor& a, std::int64_t id);
  // The rejected-rows CSV of a job the actor may see.
  Result<std::string> rejected_csv(const Actor& a, std::int64_t id);
  // Waits for every queued job (tests, shutdown).
  void drain();

 private:
  struct Live {
    ImportProgress progress;
    std::string state = "queued";
  };
  void run(std::int64_t id, Actor a, std::string code, ImportRequest req, std::shared_ptr<Live> live);
  Result<void> check_visible(const Actor& a, std::int64_t id, std::string& entry_code);
  std::string rejected_path(std::int64_t id) const;

  CatalogService& catalog_;
  db::Pool& pool_;
  const core::Clock& clock_;
  std::mutex mu_;
  std::map<std::int64_t, std::shared_ptr<Live>> live_;
  boost::asio::thread_pool threads_;
};

}  // namespace kf::catalog
