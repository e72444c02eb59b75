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

review::Procedures procedures_of(const policy::Profile& profile, int default_review_wd) {
  review::Procedures out;
  for (const auto& [key, proc] : profile.procedures) {
    if (!proc.enabled) continue;
    std::vector<workflow::StageDef> stages;
    for (const auto& s : proc.stages) {
      if (s.assignee == "system") continue;
      std::string who = s.assignee;
      if (who != "provider" && who != "applicant" && who != "authority" && who != "sharer") who = "authority";
      int wd = s.deadline_wd;
      const bool submitter = stages.empty() && (who == "provider" || who == "applicant" || who == "sharer");
      if (wd == 0 && !submitter && !s.immediate) wd = default_review_wd;
      if (s.immediate) wd = 1;
      stages.push_back({s.key, s.label, who, wd, s.actions, s.optional});
    }
    const bool starts_with_submitter =
        !stages.empty() && (stages.front().assignee == "provider" || stages.front().assignee == "applicant" ||
                            stages.front().assignee == "sharer");
    if (!starts_with_submitter) stages.insert(stages.begin(), {"submit", "提交", "provider", 0, {}});
    out[key] = std::move(stages);
  }
  return out;
}

}  // namespace kf::app
