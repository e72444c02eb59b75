// The first flows on the workflow engine (issue 6): publication review (PUB-4) with the
// completeness check and the consistency report (PUB-5), and catalog change requests (CAT-3).
// The stages and deadlines come from the deployment's policy profile.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "catalog/service.h"
#include "workflow/workflow.h"

namespace kf::review {

// One procedure of the policy profile as the engine runs it.
struct ProcedureDef {
  std::vector<workflow::StageDef> stages;  // the first one is the submitter's
  std::string review_level = "own";        // own | city (市级以上)
  int deadline_wd = 0;                     // the whole procedure; 0: none
  // Publication: how new versions of published entries go (policy `updates`): "review" or
  // "direct_if_unchanged"; and the article it follows.
  std::string updates = "review";
  std::string updates_basis;
};
// Procedure key → its definition.
using Procedures = std::map<std::string, ProcedureDef>;

workflow::Actor to_workflow(const catalog::Actor& a);

// One problem found by the completeness check; `field` names what to fix.
struct Problem {
  std::string field;
  std::string message;
};

// How a new version of a published entry would reach the public (item 3 of issue 12): through
// the publication procedure's review again, or published at once by the provider when the
// profile allows it and nothing a reviewer would look at changed.
struct UpdatePath {
  std::string path;                  // "direct" | "review"
  std::vector<std::string> reasons;  // why (Chinese; names fields and counts, never data values)
  std::string basis;                 // the profile's article for updates
  std::int64_t version_id = 0;
  int version_number = 0;
  std::int64_t replaces_id = 0;      // the published version it would replace
  int replaces_number = 0;
  std::vector<Problem> problems;     // completeness problems: submission is refused until fixed
};

class ReviewService {
 public:
  ReviewService(catalog::CatalogService& catalog, workflow::Engine& engine, Procedures procedures);

  // The completeness check a submission must pass: dictionary complete, every field graded
  // sensitive has a rule, legal basis for conditional / not-open entries, no contradiction about
  // personal data (catalog::check_personal_data_flag), the version is the entry's and ready, and
  // every column where the detectors find personal data (catalog::find_personal_data, on a
  // sample) has a rule that removes it or a recorded basis (core::Field::consent_basis, CLS-6).
  // Problems name fields by label and never quote values.
  Result<std::vector<Problem>> completeness(const catalog::Actor& a, const std::string& code,
                                            std::optional<std::int64_t> version_id);
  // PUB-5: whether the version matches the catalog: every dictionary field present with its
  // type, row counts, masked fields really masked (on a sample), and per field what the
  // detectors find in the values as they would be published. `consistent` is false while
  // personal data would go out recognisable without a recorded basis.
  Result<boost::json::object> consistency(const catalog::Actor& a, const std::string& code, std::int64_t version_id);

  // The personal-data part of the completeness check and the contradiction check, run again
  // when the last stage approves (the dictionary may have changed since the submission).
  // invalid_argument (slug personal_data) listing the problems, naming columns by label.
  Result<void> check_personal_data(const catalog::Actor& a, const std::string& code, std::int64_t version_id);

  // The provider submits an entry with a version for publication.
  // `extra_reviews`: optional stages of the profile the case calls for (e.g. Zhejiang's legality,
  // expert, secrecy and privacy reviews); the others are left out. An entry that already has a
  // published version goes through submit_update (the profile decides the path).
  Result<workflow::Case> submit_publication(const catalog::Actor& a, const std::string& code, std::int64_t version_id,
                                            const std::string& comment,
                                            const std::vector<std::string>& extra_reviews = {});
  // The path a new version (`version_id`, state ready) of an entry with a published version
  // would take: "direct" when the publication procedure says `updates = "direct_if_unchanged"`,
  // the entry is published (not suspended), the version's dictionary and desensitization rules
  // equal the published version's and the entry's own, and its consistency report is clean (no
  // quarantined rows either); "review" otherwise, with the reasons. Staff of the entry only.
  // Errors: conflict (slug not_published) when the entry has no published version yet (submit
  // it for publication instead), conflict when the version is published or superseded,
  // not_found for an unknown version.
  Result<UpdatePath> update_path(const catalog::Actor& a, const std::string& code, std::int64_t version_id);
  // The provider submits a new version of a published entry. On the review path (or when
  // `extra_reviews` are asked for) a publication case of the profile's stages is opened and the
  // authority is given the task; on the direct path a publication case with the submitter's
  // stage only is decided at once by the engine: the version is published in its transaction and
  // the entry's history records who, which version replaced which and why no review was needed.
  // Refused like submit_publication (incomplete, one open case per entry).
  Result<workflow::Case> submit_update(const catalog::Actor& a, const std::string& code, std::int64_t version_id,
                                       const std::string& comment, const std::vector<std::string>& extra_reviews = {});
  // Modify (a new description) or delete a published entry: a change request.
  Result<workflow::Case> submit_change(const catalog::Actor& a, const std::string& code, const std::string& kind,
                                       const boost::json::object& entry, const std::string& reason);
  // CAT-7: a member of an enterprise, university or research institute (`org_kind` enterprise |
  // institution | other) applies for the organisation to publish its own data; approved, the
  // applicant becomes a data provider of it and its entries are marked non-government.
  Result<workflow::Case> submit_industry(const catalog::Actor& a, std::int64_t org_id, const std::string& org_name,
                                         const std::string& org_kind, const std::string& description);
  // Called in the engine's transaction when an industry application is approved (the runtime
  // grants the provider role). Set once while wiring.
  std::function<Result<void>(db::Tx& tx, std::int64_t user_id)> grant_provider;

  // Registers the flows of this module on the engine (publication, catalog_change,
  // industry_entry). Called once while wiring.
  void register_flows();
  // A new case of `procedure` from the profile: its stages (less the optional ones not asked
  // for in `extra`), review level and procedure deadline.
  Result<workflow::NewCase> new_case(const std::string& procedure, const std::vector<std::string>& extra = {}) const;

  // approve / reject / return / resubmit / withdraw / escalate / a named outcome. The flows
  // apply outcomes in the engine's transaction: approving the last stage of a publication
  // publishes the version; of a change request, applies the change.
  Result<workflow::Case> act(const catalog::Actor& a, std::int64_t case_id, const std::string& action,
                             const std::string& comment, std::optional<std::int64_t> version_id);

  workflow::Engine& engine() { return engine_; }
  const Procedures& procedures() const { return procedures_; }

 private:
  // Adds the completeness problems of personal data found in the version (see completeness).
  Result<void> personal_data_problems(const catalog::Actor& a, const catalog::Entry& e, std::int64_t version_id,
                                      std::vector<Problem>& out);
  Result<void> check_no_open_case(const std::string& type, const std::string& code);

  catalog::CatalogService& catalog_;
  workflow::Engine& engine_;
  Procedures procedures_;
};

}  // namespace kf::review
