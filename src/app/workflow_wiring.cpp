#include "app/workflow_wiring.h"

namespace kf::app {

std::string CalendarDays::add(const std::string& date, int n) const {
  auto d = calendar::parse_date(date);
  if (!d) return date;
  return calendar::to_string(source_()->add_working_days(*d, n));
}

int CalendarDays::between(const std::string& a, const std::string& b) const {
  auto da = calendar::parse_date(a);
  auto db = calendar::parse_date(b);
  if (!da || !db) return 0;
  return source_()->working_days_between(*da, *db);
}

std::string AccessDirectory::region_of(std::int64_t org_id) const {
  {
    std::lock_guard lock(mu_);
    if (auto it = regions_.find(org_id); it != regions_.end()) return it->second;
  }
  auto org = access_.get_org(org_id);
  if (!org) return {};
  std::lock_guard lock(mu_);
  regions_[org_id] = org->region_code;
  return org->region_code;
}

Result<std::vector<std::int64_t>> AccessDirectory::users_with_role(const std::string& role,
                                                                   std::optional<std::int64_t> org) const {
  return access_.users_with_role(role, org);
}

Result<std::vector<std::int64_t>> AccessDirectory::authorities_over(const std::string& region) const {
  KF_ASSIGN(auto ids, access_.users_with_role("authority", std::nullopt));
  std::vector<std::int64_t> out;
  for (auto id : ids) {
    KF_ASSIGN(auto u, access_.get_user(id));
    // An authority account of no organisation is the deployment's own bureau.
    bool covers = u.orgs.empty();
    for (const auto& m : u.orgs) covers = covers || workflow::region_covers(region_of(m.org_id), region);
    if (covers) out.push_back(id);
  }
  return out;
}

review::Procedures procedures_of(const policy::Profile& profile, int default_review_wd) {
  review::Procedures out;
  for (const auto& [key, proc] : profile.procedures) {
    if (!proc.enabled) continue;
    review::ProcedureDef def;
    def.review_level = proc.review_level;
    def.deadline_wd = proc.deadline_wd;
    def.updates = proc.updates;
    def.updates_basis = proc.updates_basis;
    auto& stages = def.stages;
    for (const auto& s : proc.stages) {
      if (s.assignee == "system") continue;
      std::string who = s.assignee;
      if (who != "provider" && who != "applicant" && who != "authority" && who != "sharer") who = "authority";
      int wd = s.deadline_wd;
      // The submitter's own steps are not reviews: the first stage, and any later stage of the
      // applicant (e.g. signing the agreement), keep the profile's deadline (0: none).
      const bool submitter =
          who == "applicant" || (stages.empty() && (who == "provider" || who == "sharer"));
      const bool dated = !s.rounds.empty() || s.deadline_cycles > 0;
      if (wd == 0 && !submitter && !s.immediate && !dated) wd = default_review_wd;
      if (s.immediate) wd = 1;
      workflow::StageDef d{s.key, s.label, who, wd, s.actions, s.optional};
      d.rounds = s.rounds;
      d.deadline_cycles = s.deadline_cycles;
      d.outcomes = s.outcomes;
      d.outcome_labels = s.outcome_labels;
      stages.push_back(std::move(d));
    }
    const bool starts_with_submitter =
        !stages.empty() && (stages.front().assignee == "provider" || stages.front().assignee == "applicant" ||
                            stages.front().assignee == "sharer");
    if (!starts_with_submitter) stages.insert(stages.begin(), workflow::StageDef{"submit", "提交", "provider", 0, {}});
    out[key] = std::move(def);
  }
  return out;
}

}  // namespace kf::app
