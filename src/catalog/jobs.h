// Ingest jobs: uploads run as jobs of kind "ingest" on the job runner (jobs/runner.h), so any
// server process of the database may run them, and another takes one over when its process
// dies. The uploaded file is kept in the shared work directory (work/jobs/) until the job has
// ended; the job's row in table `jobs` holds the request (payload), the live progress and the
// outcome, which is what GET /api/v1/jobs/{id} shows from any process.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "jobs/runner.h"

namespace kf::catalog {

class IngestJobs {
 public:
  static constexpr const char* kKind = "ingest";

  // Registers the "ingest" handler on `runner`, which must not be started yet and must stop
  // (stop() or destruction) before this object goes. `clock` is the catalog's clock (rates).
  IngestJobs(CatalogService& catalog, db::Pool& pool, const core::Clock& clock, jobs::JobRunner& runner);

  // Takes over the file at req.path (it is moved into the work directory and removed when the
  // job ends) and queues the import. Returns the job as JSON. Errors: the entry's (not_found,
  // permission_denied), internal when the file cannot be kept.
  Result<boost::json::object> submit(const Actor& a, const std::string& code, ImportRequest req);
  // The job as JSON (state, counters, progress while running, report when finished), from any
  // process. not_found when the job does not exist or the actor may not see it.
  Result<boost::json::object> get(const Actor& a, std::int64_t id);
  // The rejected-rows CSV of a job the actor may see.
  Result<std::string> rejected_csv(const Actor& a, std::int64_t id);

  // Upload in one go (issue 12 item 4): a job that ended with a proposal (the entry had no
  // dictionary) keeps its file for kProposalKeepMs. adopt() saves `fields` (the proposal as the
  // provider edited it) as the entry's dictionary with `reason`, then imports the kept file as a
  // new job with the same name, sheet and mode (`quarantine` overrides the mode when given) —
  // no second upload. The file is claimed first, so a proposal is adopted once. Returns the new
  // job as JSON. Errors: not_found (job not visible), permission_denied (not the entry's
  // provider staff or an admin), conflict (slug proposal_gone: not a proposal, already adopted
  // or expired — upload again), the dictionary's own validation errors (the file stays kept).
  Result<boost::json::object> adopt(const Actor& a, std::int64_t id, std::vector<core::Field> fields,
                                    const std::string& reason, std::optional<bool> quarantine);
  static constexpr std::int64_t kProposalKeepMs = 24LL * 3600 * 1000;

 private:
  Result<boost::json::object> run(jobs::JobContext& ctx);
  void cleanup(const jobs::Job& job);
  Result<jobs::Job> visible_job(const Actor& a, std::int64_t id, std::string& entry_code);
  std::string rejected_path(std::int64_t id) const;
  // Where the file of a job that ended with a proposal is kept.
  std::string proposal_path(std::int64_t id) const;
  // Keeps the file of job `id` that ended with a proposal (a hard link, else a copy).
  void keep_for_adoption(const std::string& upload, std::int64_t id);
  // Removes kept proposal files older than kProposalKeepMs (by modification time).
  void sweep_proposals();

  CatalogService& catalog_;
  db::Pool& pool_;
  const core::Clock& clock_;
  jobs::JobRunner& runner_;
};

}  // namespace kf::catalog
